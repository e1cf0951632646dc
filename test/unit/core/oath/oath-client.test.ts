// SPDX-License-Identifier: MIT
/** Discovery and the high-level client over fake readers whose cards play scripted bytes. */
import { createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../../../src-shared/bytes';
import { TouchroleError } from '../../../../src-shared/errors';
import { chooseKey, discoverKeys, type YubiKeyInfo } from '../../../../src-main/core/oath/discovery';
import { OathClient, oathKeyAccount } from '../../../../src-main/core/oath/oath-client';
import type { TouchEvent } from '../../../../src-main/core/oath/oath-session';
import type { CardTransport } from '../../../../src-main/core/transport/card-transport';
import type { CardReaders, ReaderInfo } from '../../../../src-main/core/transport/readers';
import { FakeKeychain } from '../../../support/fake-keychain';
import { ScriptedTransport, type ScriptStep } from '../../../support/scripted-transport';
import { errorOf } from '../../../support/error-of';

const DEVICE_ID = 'ZoQN2hVOihE8Md0K0y9/Og';
const SELECT = { expect: '00a4040007a0000005272101', reply: '7903050403 7108 0102030405060708 9000' };
const SELECT_LOCKED = { expect: SELECT.expect, reply: '7903050403 7108 0102030405060708 7408 1122334455667788 7b0121 9000' };
const MGMT = [
  { expect: '00a4040008a000000527471117', reply: '352e342e33 9000' },
  { expect: '001d000000', reply: '0a 0102023b 0204 00bc614e 9000' },
];
const NO_MGMT = [{ expect: '00a4040008a000000527471117', reply: '6a82' }];
const T = 1111111111_000;
const CALCULATE_ALL = {
  expect: '00a400010a740800000000023523ed',
  reply: '71274157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c6963657605061234abcd' + '7106746f756368797c0108 9000',
};
const LIST = {
  expect: '00a1000000',
  reply: '7228214157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c696365 7207 21746f75636879 9000',
};
const KEY_HEX = 'd0c6df9806c2b3e3d1627596479f2f95';
const VALIDATE = '00a30000207514341d95a46932afd634fb9a703b6c525f9c57ad937408a0a1a2a3a4a5a6a7';
const VALIDATE_OK = '75147a1fc804f8f9be19fbed865412a4e57db406d908 9000';

/** Readers whose card answers each connect with the next script; `busy` readers refuse to connect. */
class FakeReaders implements CardReaders {
  readonly transports: ScriptedTransport[] = [];
  open = 0;
  maxOpen = 0;
  constructor(private readonly readers: Record<string, { scripts: ScriptStep[][]; busy?: boolean } | undefined>) {}

  async listReaders(): Promise<ReaderInfo[]> {
    return Object.entries(this.readers).map(([name, r]) => ({ name, cardPresent: r !== undefined }));
  }

  async connect(reader: string): Promise<CardTransport> {
    const r = this.readers[reader];
    if (r?.busy) throw new TouchroleError('yubikey-busy', 'busy');
    const script = r?.scripts.shift();
    if (!script) throw new Error(`no script left for ${reader}`);
    const t = new ScriptedTransport(script);
    this.transports.push(t);
    this.maxOpen = Math.max(this.maxOpen, ++this.open);
    return {
      transmit: async (apdu) => {
        await new Promise((resolve) => setTimeout(resolve, 1)); // let a concurrent caller interleave if it could
        return t.transmit(apdu);
      },
      close: async () => {
        this.open--;
        await t.close();
      },
    };
  }

  assertDone(): void {
    for (const t of this.transports) {
      t.assertDone();
      expect(t.closed).toBe(true);
    }
  }
}

const client = (readers: CardReaders, keychain = new FakeKeychain()) =>
  new OathClient({ readers, keychain, randomChallenge: () => hexToBytes('a0a1a2a3a4a5a6a7') });

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

describe('OathClient', () => {
  it('lists keys with credentials, algorithm, touch and AWS ARN marking', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT, LIST, CALCULATE_ALL]] } });
    const [key] = await client(readers).listKeys({ nowMs: T });
    readers.assertDone();
    expect(key?.serial).toBe(12345678);
    expect(key?.credentials?.map((c) => [c.id, c.algorithm, c.touch, c.awsMfaArn])).toEqual([
      ['AWS:arn:aws:iam::123456789012:mfa/alice', 'SHA1', false, 'arn:aws:iam::123456789012:mfa/alice'],
      ['touchy', 'SHA1', true, undefined],
    ]);
  });

  it('lists a locked key without credentials when no key is stored', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED]] } });
    const [key] = await client(readers).listKeys({ nowMs: T });
    readers.assertDone();
    expect(key?.locked).toBe(true);
    expect(key?.credentials).toBeUndefined();
  });

  it('reads a code by AWS MFA ARN from CALCULATE_ALL', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT, CALCULATE_ALL]] } });
    const r = await client(readers).readCode('arn:aws:iam::123456789012:mfa/alice', { nowMs: T });
    readers.assertDone();
    expect(r.code.value).toBe('441741');
    expect(r.credential.awsMfaArn).toBe('arn:aws:iam::123456789012:mfa/alice');
    expect(r.key.deviceId).toBe(DEVICE_ID);
  });

  it('uses the discovery connection: one connect, one SELECT; without identify, no management APDUs', async () => {
    const readers = new FakeReaders({ R: { scripts: [[SELECT, CALCULATE_ALL]] } });
    const r = await client(readers).readCode('alice', { nowMs: T, identify: false });
    readers.assertDone();
    expect(readers.transports).toHaveLength(1);
    expect(r.key.serial).toBeUndefined();
  });

  it('with several keys, only the chosen one stays connected while it waits for a touch', async () => {
    const touch = { expect: '00a2000112 7106746f75636879 740800000000023523ed', reply: '760508 00000001 9000' };
    const readers = new FakeReaders({ R0: { scripts: [[...MGMT, SELECT]] }, R1: { scripts: [[...MGMT, SELECT, CALCULATE_ALL, touch]] } });
    const openWhileWaiting: number[] = [];
    const r = await client(readers).readCode('touchy', {
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
    const r = await client(readers).readCode('touchy', { nowMs: T, onTouch: (e) => events.push(e) });
    readers.assertDone();
    expect(r.code.value).toBe('00000001');
    expect(events.map((e) => e.phase)).toEqual(['waiting', 'done']);
  });

  it('unlock validates and stores the derived key (never the password) by device id', async () => {
    const keychain = new FakeKeychain();
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: VALIDATE_OK }]] } });
    const r = await client(readers, keychain).unlock('hunter2');
    readers.assertDone();
    expect(r.stored).toBe(true);
    expect([...keychain.entries]).toEqual([[oathKeyAccount(DEVICE_ID), KEY_HEX]]);
    expect(oathKeyAccount(DEVICE_ID)).toBe(`oath-key:${DEVICE_ID}`);
  });

  it('unlock with a wrong password stores nothing', async () => {
    const keychain = new FakeKeychain();
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: '6984' }]] } });
    expect((await errorOf(client(readers, keychain).unlock('hunter2'))).code).toBe('oath-wrong-password');
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
    expect((await errorOf(client(readers, keychain).unlock('wrong'))).code).toBe('oath-wrong-password');
    readers.assertDone();
    expect(keychain.entries.get(oathKeyAccount(DEVICE_ID))).toBe(KEY_HEX);
  });

  it('auto-validates with the stored key, then reads the code', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), KEY_HEX);
    const readers = new FakeReaders({
      R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: VALIDATE_OK }, CALCULATE_ALL]] },
    });
    expect((await client(readers, keychain).readCode('alice', { nowMs: T })).code.value).toBe('441741');
    readers.assertDone();
  });

  it('drops a stored key that no longer validates and asks to unlock again', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), KEY_HEX);
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: '6984' }]] } });
    const e = await errorOf(client(readers, keychain).readCode('alice', { nowMs: T }));
    expect(e.code).toBe('oath-locked');
    expect(e.hint).toContain('touchrole yubikey unlock');
    expect(keychain.entries.size).toBe(0);
  });

  it('a locked key without a stored key fails with oath-locked before sending commands', async () => {
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED]] } });
    expect((await errorOf(client(readers).readCode('alice', { nowMs: T }))).code).toBe('oath-locked');
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
    expect((await client(readers, keychain).forget()).removed).toBe(true);
    expect((await client(readers, keychain).forget()).removed).toBe(false);
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
    expect((await errorOf(client(readers).readCode('nobody', { nowMs: T }))).code).toBe('oath-no-such-credential');
    expect((await errorOf(client(readers).readCode('c', { nowMs: T }))).code).toBe('oath-ambiguous-credential');
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
    const c = client(readers);
    const codes = await Promise.all([c.readCode('alice', { nowMs: T }), c.readCode('alice', { nowMs: T })]);
    expect(codes.map((r) => r.code.value)).toEqual(['441741', '441741']);
    expect(readers.maxOpen).toBe(1);
    readers.assertDone();
  });

  it('no YubiKey at all is yubikey-not-found', async () => {
    const readers = new FakeReaders({ 'Empty Reader': undefined });
    expect((await errorOf(client(readers).readCode('alice', { nowMs: T }))).code).toBe('yubikey-not-found');
  });
});

describe('what a user can act on instead of "touchrole bug"', () => {
  it('a corrupt stored OATH key: keychain-entry-invalid naming the device, fixed by unlocking again (OathKeyStore validates it)', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), 'not hex at all');
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED]] } });
    const e = await errorOf(client(readers, keychain).readCode('alice', { nowMs: T }));
    expect(e.code).toBe('keychain-entry-invalid');
    expect(e.message).toBe(`The stored OATH key for YubiKey ${DEVICE_ID} is corrupt`);
    expect(e.hint).toContain('touchrole yubikey unlock');
    readers.assertDone();
  });

  it('unlock stores the key through the store, replacing a corrupt one', async () => {
    const keychain = new FakeKeychain();
    keychain.entries.set(oathKeyAccount(DEVICE_ID), 'zz');
    const readers = new FakeReaders({ R: { scripts: [[...MGMT, SELECT_LOCKED, { expect: VALIDATE, reply: VALIDATE_OK }]] } });
    await client(readers, keychain).unlock('hunter2');
    expect(keychain.entries.get(oathKeyAccount(DEVICE_ID))).toBe(KEY_HEX);
  });

  it.each([
    ['CALCULATE_ALL', [SELECT, { expect: CALCULATE_ALL.expect, reply: '7127 4157 9000' }]],
    ['CALCULATE_ALL with a bad digit count', [SELECT, { expect: CALCULATE_ALL.expect, reply: '7105616c6963657605 0f1234abcd 9000' }]],
  ])('a malformed %s reply: yubikey-bad-response, "remove and re-insert it"', async (_what, script) => {
    const readers = new FakeReaders({ R: { scripts: [script] } });
    const e = await errorOf(client(readers).readCode('alice', { nowMs: T, identify: false }));
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
