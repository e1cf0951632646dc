// SPDX-License-Identifier: MIT
// OathClient over scripted card replies: listing, codes, touch, unlock and its keychain entry.
import { createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../../../src-shared/bytes';
import { oathKeyAccount } from '../../../../src-main/core/oath/oath-client';
import type { TouchEvent } from '../../../../src-main/core/oath/oath-session';
import { FakeKeychain } from '../../../support/fake-keychain';
import { errorOf } from '../../../support/error-of';
import {
  CALCULATE_ALL,
  clientOn,
  DEVICE_ID,
  FakeReaders,
  KEY_HEX,
  LIST,
  MGMT,
  SELECT,
  SELECT_LOCKED,
  T,
  VALIDATE,
  VALIDATE_OK,
} from '../../../support/oath-card-scripts';

describe('OathClient', () => {
  it('lists keys with credentials, algorithm, touch and AWS ARN marking', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT, LIST, CALCULATE_ALL]] } });
    const [key] = await clientOn(readers).listKeys({ nowMs: T });
    readers.assertDone();
    expect(key?.serial).toBe(12345678);
    expect(key?.credentials?.map((c) => [c.id, c.algorithm, c.touch, c.awsMfaArn])).toEqual([
      ['AWS:arn:aws:iam::123456789012:mfa/alice', 'SHA1', false, 'arn:aws:iam::123456789012:mfa/alice'],
      ['touchy', 'SHA1', true, undefined],
    ]);
  });

  it('lists a locked key without credentials when no key is stored', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED]] } });
    const [key] = await clientOn(readers).listKeys({ nowMs: T });
    readers.assertDone();
    expect(key?.locked).toBe(true);
    expect(key?.credentials).toBeUndefined();
  });

  it('reads a code by AWS MFA ARN from CALCULATE_ALL', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT, CALCULATE_ALL]] } });
    const r = await clientOn(readers).readCode('arn:aws:iam::123456789012:mfa/alice', { nowMs: T });
    readers.assertDone();
    expect(r.code.value).toBe('441741');
    expect(r.credential.awsMfaArn).toBe('arn:aws:iam::123456789012:mfa/alice');
    expect(r.key.deviceId).toBe(DEVICE_ID);
  });

  it('uses the discovery connection: one connect, one SELECT; without identify, no management APDUs', async () => {
    const readers = new FakeReaders({ R: { scripts: [[SELECT, CALCULATE_ALL]] } });
    const r = await clientOn(readers).readCode('alice', { nowMs: T, identify: false });
    readers.assertDone();
    expect(readers.transports).toHaveLength(1);
    expect(r.key.serial).toBeUndefined();
  });

  it('with several keys, only the chosen one stays connected while it waits for a touch', async () => {
    const touch = { expect: '00a2000112 7106746f75636879 740800000000023523ed', reply: '760508 00000001 9000' };
    const readers = new FakeReaders({ R0: { scripts: [[...MGMT, SELECT]] }, R1: { scripts: [[...MGMT, SELECT, CALCULATE_ALL, touch]] } });
    const openWhileWaiting: number[] = [];
    const r = await clientOn(readers).readCode('touchy', {
      nowMs: T,
      device: { reader: 'R1' },
      onTouch: (e) => e.phase === 'waiting' && openWhileWaiting.push(readers.open),
    });
    readers.assertDone();
    expect(r.key.reader).toBe('R1');
    expect(openWhileWaiting).toEqual([1]);
  });

  it('reads a touch credential with touch events', async () => {
    const touch = { expect: '00a2000112 7106746f75636879 740800000000023523ed', reply: '760508 00000001 9000' };
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT, CALCULATE_ALL, touch]] } });
    const events: TouchEvent[] = [];
    const r = await clientOn(readers).readCode('touchy', { nowMs: T, onTouch: (e) => events.push(e) });
    readers.assertDone();
    expect(r.code.value).toBe('00000001');
    expect(events.map((e) => e.phase)).toEqual(['waiting', 'done']);
  });

  it('unlock validates and stores the derived key (never the password) by device id', async () => {
    const keychain = new FakeKeychain();
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: VALIDATE_OK }]] } });
    const r = await clientOn(readers, keychain).unlock('hunter2');
    readers.assertDone();
    expect(r.stored).toBe(true);
    expect([...keychain.entries]).toEqual([[oathKeyAccount(DEVICE_ID), KEY_HEX]]);
    expect(oathKeyAccount(DEVICE_ID)).toBe(`oath-key:${DEVICE_ID}`);
  });

  it('unlock with a wrong password stores nothing', async () => {
    const keychain = new FakeKeychain();
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: '6984' }]] } });
    expect((await errorOf(clientOn(readers, keychain).unlock('hunter2'))).code).toBe('oath-wrong-password');
    expect(keychain.entries.size).toBe(0);
  });

  it('unlock checks the given password even when a working key is already stored', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), KEY_HEX);
    const wrongKey = pbkdf2Sync('wrong', hexToBytes('0102030405060708'), 1000, 16, 'sha1');
    const response = createHmac('sha1', wrongKey).update(hexToBytes('1122334455667788')).digest('hex');
    const readers = new FakeReaders({
      R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: `00a30000207514${response}7408a0a1a2a3a4a5a6a7`, reply: '6984' }]] },
    });
    expect((await errorOf(clientOn(readers, keychain).unlock('wrong'))).code).toBe('oath-wrong-password');
    readers.assertDone();
    expect(keychain.entries.get(oathKeyAccount(DEVICE_ID))).toBe(KEY_HEX);
  });

  it('auto-validates with the stored key, then reads the code', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), KEY_HEX);
    const readers = new FakeReaders({
      R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: VALIDATE_OK }, CALCULATE_ALL]] },
    });
    expect((await clientOn(readers, keychain).readCode('alice', { nowMs: T })).code.value).toBe('441741');
    readers.assertDone();
  });

  it('drops a stored key that no longer validates and asks to unlock again', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), KEY_HEX);
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: '6984' }]] } });
    const e = await errorOf(clientOn(readers, keychain).readCode('alice', { nowMs: T }));
    expect(e.code).toBe('oath-locked');
    expect(e.hint).toContain('touchrole yubikey unlock');
    expect(keychain.entries.size).toBe(0);
  });

  it('a locked key without a stored key fails with oath-locked before sending commands', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED]] } });
    expect((await errorOf(clientOn(readers).readCode('alice', { nowMs: T }))).code).toBe('oath-locked');
    readers.assertDone();
  });

  it('forget removes the stored key', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), KEY_HEX);
    const readers = new FakeReaders({
      R: {
        scripts: [
          [...MGMT, SELECT_LOCKED],
          [...MGMT, SELECT_LOCKED],
        ],
      },
    });
    expect((await clientOn(readers, keychain).forget()).removed).toBe(true);
    expect((await clientOn(readers, keychain).forget()).removed).toBe(false);
  });

  it('unknown and ambiguous credential names are clear errors', async () => {
    const readers = new FakeReaders({
      R: {
        scripts: [
          [...MGMT, SELECT, CALCULATE_ALL],
          [...MGMT, SELECT, CALCULATE_ALL],
        ],
      },
    });
    expect((await errorOf(clientOn(readers).readCode('nobody', { nowMs: T }))).code).toBe('oath-no-such-credential');
    expect((await errorOf(clientOn(readers).readCode('c', { nowMs: T }))).code).toBe('oath-ambiguous-credential');
  });

  it('serialises concurrent calls: never two connections to the card at once', async () => {
    const readers = new FakeReaders({
      R: {
        scripts: [
          [...MGMT, SELECT, CALCULATE_ALL],
          [...MGMT, SELECT, CALCULATE_ALL],
        ],
      },
    });
    const c = clientOn(readers);
    const codes = await Promise.all([c.readCode('alice', { nowMs: T }), c.readCode('alice', { nowMs: T })]);
    expect(codes.map((r) => r.code.value)).toEqual(['441741', '441741']);
    expect(readers.maxOpen).toBe(1);
    readers.assertDone();
  });

  it('no YubiKey at all is yubikey-not-found', async () => {
    const readers = new FakeReaders({ 'Empty Reader': undefined });
    expect((await errorOf(clientOn(readers).readCode('alice', { nowMs: T }))).code).toBe('yubikey-not-found');
  });
});
