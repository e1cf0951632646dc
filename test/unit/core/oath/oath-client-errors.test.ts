// SPDX-License-Identifier: MIT
// A corrupt stored key or a malformed card reply is an error the user can act on, not "touchrole bug".
import { describe, expect, it } from 'vitest';
import { discoverKeys } from '../../../../src-main/core/oath/discovery';
import { oathKeyAccount } from '../../../../src-main/core/oath/oath-client';
import { FakeKeychain } from '../../../support/fake-keychain';
import { errorOf } from '../../../support/error-of';
import {
  CALCULATE_ALL,
  clientOn,
  DEVICE_ID,
  FakeReaders,
  KEY_HEX,
  MGMT,
  NO_MGMT,
  SELECT,
  SELECT_LOCKED,
  T,
  VALIDATE,
  VALIDATE_OK,
} from '../../../support/oath-card-scripts';

describe('what a user can act on instead of "touchrole bug"', () => {
  it('a corrupt stored OATH key: keychain-entry-invalid naming the device, fixed by unlocking again (OathKeyStore validates it)', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), 'not hex at all');
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED]] } });
    const e = await errorOf(clientOn(readers, keychain).readCode('alice', { nowMs: T }));
    expect(e.code).toBe('keychain-entry-invalid');
    expect(e.message).toBe(`The stored OATH key for YubiKey ${DEVICE_ID} is corrupt`);
    expect(e.hint).toContain('touchrole yubikey unlock');
    readers.assertDone();
  });

  it('unlock stores the key through the store, replacing a corrupt one', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), 'zz');
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: VALIDATE_OK }]] } });
    await clientOn(readers, keychain).unlock('hunter2');
    expect(keychain.entries.get(oathKeyAccount(DEVICE_ID))).toBe(KEY_HEX);
  });

  it.each([
    ['CALCULATE_ALL', [SELECT, { expect: CALCULATE_ALL.expect, reply: '7127 4157 9000' }]],
    ['CALCULATE_ALL with a bad digit count', [SELECT, { expect: CALCULATE_ALL.expect, reply: '7105616c6963657605 0f1234abcd 9000' }]],
  ])('a malformed %s reply: yubikey-bad-response, "remove and re-insert it"', async (_what, script) => {
    const readers = new FakeReaders({ R: { scripts: [script] } });
    const e = await errorOf(clientOn(readers).readCode('alice', { nowMs: T, identify: false }));
    expect(e.code).toBe('yubikey-bad-response');
    expect(e.message).toBe('The YubiKey answered something touchrole cannot read');
    expect(e.hint).toContain('remove and re-insert it');
    readers.assertDone();
  });

  it('a card that accepts the OATH SELECT but answers garbage is reported when no key answers', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...NO_MGMT, { expect: SELECT.expect, reply: '0102 9000' }]] } });
    expect((await errorOf(discoverKeys(readers))).code).toBe('yubikey-bad-response');
  });
});
