// SPDX-License-Identifier: MIT
// Finding YubiKeys among the readers and choosing one, over scripted card replies.
import { describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { chooseKey, discoverKeys, type YubiKeyInfo } from '../../../../src-main/core/oath/discovery';
import { errorOf } from '../../../support/error-of';
import { DEVICE_ID, FakeReaders, MGMT, NO_MGMT, SELECT, SELECT_LOCKED } from '../../../support/oath-card-scripts';

describe('discovery', () => {
  it('finds YubiKeys by selecting the OATH AID, with serial where the management applet answers', async () => {
    const readers = new FakeReaders({
      'Some Reader 00': { scripts: [[...MGMT, SELECT]] },
      'Empty Reader': undefined,
      'Bank Card Reader': { scripts: [[...NO_MGMT, { expect: SELECT.expect, reply: '6a82' }]] },
      'NFC Reader': { scripts: [[...NO_MGMT, SELECT_LOCKED]] },
      'Odd Card Reader': { scripts: [[...NO_MGMT, { expect: SELECT.expect, reply: '0102 9000' }]] },
    });
    const keys = await discoverKeys(readers);
    readers.assertDone();
    expect(keys).toEqual([
      { reader: 'Some Reader 00', deviceId: DEVICE_ID, version: '5.4.3', locked: false, serial: 12345678 },
      { reader: 'NFC Reader', deviceId: DEVICE_ID, version: '5.4.3', locked: true, serial: undefined },
    ]);
  });

  it('reports a busy key instead of "not found" when nothing else answered', async () => {
    const readers = new FakeReaders({ 'Yubico YubiKey': { scripts: [], busy: true } });
    expect((await errorOf(discoverKeys(readers))).code).toBe('yubikey-busy');
  });

  const a: YubiKeyInfo = { reader: 'R0', deviceId: 'A', version: '5.4.3', locked: false, serial: 1 };
  const b: YubiKeyInfo = { reader: 'R1', deviceId: 'B', version: '5.4.3', locked: false, serial: 2 };
  it('chooses by serial, reader or device id', () => {
    expect(chooseKey([a], {})).toBe(a);
    expect(chooseKey([a, b], { serial: 2 })).toBe(b);
    expect(chooseKey([a, b], { reader: 'R0' })).toBe(a);
    expect(chooseKey([a, b], { deviceId: 'B' })).toBe(b);
  });

  it('is ambiguous with several keys and no choice, listing them', () => {
    const e = (() => {
      try {
        chooseKey([a, b]);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(TouchroleError);
    expect((e as TouchroleError).code).toBe('yubikey-ambiguous');
    expect((e as TouchroleError).message).toContain('serial 1 in "R0"');
    expect((e as TouchroleError).message).toContain('serial 2 in "R1"');
  });

  it('says not found with the insert / CCID advice', () => {
    expect(() => chooseKey([])).toThrow(/YubiKey not found: insert it or check that its CCID interface is enabled/);
    expect(() => chooseKey([a], { serial: 9 })).toThrow(/none with serial 9/);
  });
});
