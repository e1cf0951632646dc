// SPDX-License-Identifier: MIT
/**
 * The virtual YubiKey's applets at the byte level, straight through `transmit` (no pcscd):
 * the status words and encodings touchrole's codec and ykman rely on. The ykman tests beside
 * this file show the same card behaves like a YubiKey behind the real pcscd.
 */
import { createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VirtualYubiKey, type VirtualYubiKeyOptions } from '../../support/virtual-yubikey';

const RFC_SECRET = Buffer.from('12345678901234567890');
const OATH_SELECT = '00a4040007a0000005272101';

function hex(s: string): Buffer {
  return Buffer.from(s.replace(/\s+/g, ''), 'hex');
}

async function send(key: VirtualYubiKey, apdu: string | Buffer): Promise<{ data: Buffer; sw: number }> {
  const raw = Buffer.from(await key.transmit(typeof apdu === 'string' ? hex(apdu) : apdu));
  return { data: raw.subarray(0, -2), sw: raw.readUInt16BE(raw.length - 2) };
}

function apdu(ins: number, p1: number, p2: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0, ins, p1, p2, data.length]), data]);
}

function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag, value.length]), value]);
}

function selected(options: VirtualYubiKeyOptions = {}): Promise<VirtualYubiKey> {
  const key = VirtualYubiKey.create(options);
  return send(key, OATH_SELECT).then(() => key);
}

function calculate(name: string, challenge: Buffer, truncate = true): Buffer {
  return apdu(0xa2, 0, truncate ? 1 : 0, Buffer.concat([tlv(0x71, Buffer.from(name)), tlv(0x74, challenge)]));
}

function code(truncated: Buffer, digits: number): string {
  return String(truncated.readUInt32BE(0) % 10 ** digits).padStart(digits, '0');
}

describe('virtual YubiKey card protocol', () => {
  it('answers SELECT with version 5.4.3 and the salt, and no challenge without a password', async () => {
    const key = VirtualYubiKey.create({ salt: hex('0102030405060708') });
    const r = await send(key, OATH_SELECT);
    expect(r.sw).toBe(0x9000);
    expect(r.data.toString('hex')).toBe('7903050403' + '71080102030405060708');
  });

  it('rejects unknown applets with 0x6a82 and commands before any SELECT with 0x6d00', async () => {
    const key = VirtualYubiKey.create();
    expect((await send(key, '00a4040005a000000308')).sw).toBe(0x6a82);
    expect((await send(key, '00a1000000')).sw).toBe(0x6d00);
    await send(key, OATH_SELECT);
    expect((await send(key, '00ee000000')).sw).toBe(0x6d00);
  });

  it('stores a PUT credential, LISTs it, and computes the RFC 6238 SHA1 vector', async () => {
    const key = await selected();
    const put = Buffer.concat([tlv(0x71, Buffer.from('rfc')), tlv(0x73, Buffer.concat([hex('2108'), RFC_SECRET]))]);
    expect((await send(key, apdu(0x01, 0, 0, put))).sw).toBe(0x9000);
    const list = await send(key, '00a1000000');
    expect(list.data.toString('hex')).toBe('720421' + Buffer.from('rfc').toString('hex'));
    const r = await send(key, calculate('rfc', hex('0000000000000001')));
    expect(r.sw).toBe(0x9000);
    expect(r.data.subarray(0, 3).toString('hex')).toBe('760508');
    expect(code(r.data.subarray(3), 8)).toBe('94287082');
    const full = await send(key, calculate('rfc', hex('0000000000000001'), false));
    const digest = createHmac('sha1', RFC_SECRET).update(hex('0000000000000001')).digest();
    expect(full.data.toString('hex')).toBe('751508' + digest.toString('hex'));
  });

  it('marks HOTP (0x77) and touch (0x7c) entries in CALCULATE_ALL without codes', async () => {
    const key = await selected({
      credentials: [
        { name: 'plain', secret: RFC_SECRET, algorithm: 'SHA256', digits: 8 },
        { name: 'hot', secret: RFC_SECRET, type: 'HOTP' },
        { name: 'touchy', secret: RFC_SECRET, touch: true, digits: 7 },
      ],
    });
    const r = await send(key, apdu(0xa4, 0, 1, tlv(0x74, hex('0000000000000001'))));
    expect(r.sw).toBe(0x9000);
    const s = r.data.toString('hex');
    const plain = createHmac('sha256', RFC_SECRET).update(hex('0000000000000001')).digest();
    const offset = (plain[plain.length - 1] ?? 0) & 0xf;
    const value = (plain.readUInt32BE(offset) & 0x7fffffff).toString(16).padStart(8, '0');
    expect(s).toBe(
      `7105${Buffer.from('plain').toString('hex')}760508${value}` +
        `7103${Buffer.from('hot').toString('hex')}770106` +
        `7106${Buffer.from('touchy').toString('hex')}7c0107`,
    );
  });

  it('counts HOTP up from the stored moving factor (RFC 4226 vectors)', async () => {
    const key = await selected({ credentials: [{ name: 'hot', secret: RFC_SECRET, type: 'HOTP', counter: 1 }] });
    const first = await send(key, calculate('hot', Buffer.alloc(0)));
    const second = await send(key, calculate('hot', Buffer.alloc(0)));
    expect(code(first.data.subarray(3), 6)).toBe('287082');
    expect(code(second.data.subarray(3), 6)).toBe('359152');
    expect(key.credentials()[0]?.counter).toBe(3);
  });

  it('answers 0x6984 for an unknown credential and 0x6a80 for malformed or length-prefixed PUT data', async () => {
    const key = await selected();
    expect((await send(key, calculate('nope', hex('0000000000000001')))).sw).toBe(0x6984);
    expect((await send(key, apdu(0x02, 0, 0, tlv(0x71, Buffer.from('nope'))))).sw).toBe(0x6984);
    const base = Buffer.concat([tlv(0x71, Buffer.from('x')), tlv(0x73, Buffer.concat([hex('2106'), RFC_SECRET]))]);
    // The device reads PROPERTY as tag + value byte; "78 01 02" is not what it accepts.
    expect((await send(key, apdu(0x01, 0, 0, Buffer.concat([base, hex('780102')])))).sw).toBe(0x6a80);
    expect((await send(key, apdu(0x01, 0, 0, Buffer.concat([base, hex('7802')])))).sw).toBe(0x9000);
    expect(key.credentials()[0]?.touch).toBe(true);
    expect((await send(key, apdu(0x01, 0, 0, tlv(0x71, Buffer.from('x'))))).sw).toBe(0x6a80);
  });

  it('RENAMEs a credential, refusing unknown sources (0x6984) and taken names (0x6a80)', async () => {
    const key = await selected({
      credentials: [
        { name: 'a', secret: RFC_SECRET },
        { name: 'b', secret: RFC_SECRET },
      ],
    });
    const rename = (from: string, to: string): Buffer => apdu(0x05, 0, 0, Buffer.concat([tlv(0x71, Buffer.from(from)), tlv(0x71, Buffer.from(to))]));
    expect((await send(key, rename('zzz', 'c'))).sw).toBe(0x6984);
    expect((await send(key, rename('a', 'b'))).sw).toBe(0x6a80);
    expect((await send(key, rename('a', 'Issuer:c'))).sw).toBe(0x9000);
    expect(key.credentials().map((c) => c.id)).toEqual(['Issuer:c', 'b']);
  });

  it('answers 0x6a84 when the applet is full', async () => {
    const credentials = Array.from({ length: 32 }, (_, i) => ({ name: `c${i}`, secret: RFC_SECRET }));
    const key = await selected({ credentials });
    const put = Buffer.concat([tlv(0x71, Buffer.from('one-more')), tlv(0x73, Buffer.concat([hex('2106'), RFC_SECRET]))]);
    expect((await send(key, apdu(0x01, 0, 0, put))).sw).toBe(0x6a84);
  });

  it('chains a long LIST with 0x61xx and SEND_REMAINING (0xa5) or GET RESPONSE (0xc0)', async () => {
    const credentials = Array.from({ length: 45 }, (_, i) => ({
      name: `account-${String(i).padStart(2, '0')}`,
      issuer: 'Chained',
      secret: RFC_SECRET,
    }));
    const key = await selected({ credentials, capacity: 64 });
    let r = await send(key, '00a1000000');
    const chunks = [r.data];
    const sws = [r.sw];
    let ins = 0xa5;
    while (r.sw >> 8 === 0x61) {
      expect(r.data.length).toBe(256);
      r = await send(key, Buffer.from([0, ins, 0, 0]));
      ins = ins === 0xa5 ? 0xc0 : 0xa5;
      chunks.push(r.data);
      sws.push(r.sw);
    }
    expect(r.sw).toBe(0x9000);
    expect(sws.length).toBeGreaterThan(2);
    const all = Buffer.concat(chunks);
    const names: string[] = [];
    for (let i = 0; i < all.length;) {
      const len = all[i + 1] ?? 0;
      names.push(all.subarray(i + 3, i + 2 + len).toString());
      i += 2 + len;
    }
    expect(names).toEqual(credentials.map((c) => `Chained:${c.name}`));
  });

  it('locks with a password: 0x6982 until VALIDATE, 0x6984 for a wrong response, mutual check', async () => {
    const salt = hex('0a0b0c0d0e0f1011');
    const key = VirtualYubiKey.create({ password: 'hunter2', salt, credentials: [{ name: 'a', secret: RFC_SECRET }] });
    const sel = await send(key, OATH_SELECT);
    expect(sel.data.subarray(15, 17).toString('hex')).toBe('7408');
    const challenge = sel.data.subarray(17, 25);
    expect(sel.data.subarray(25).toString('hex')).toBe('7b0101');
    expect((await send(key, '00a1000000')).sw).toBe(0x6982);
    expect((await send(key, calculate('a', hex('0000000000000001')))).sw).toBe(0x6982);

    const hostChallenge = hex('1122334455667788');
    const wrongKey = pbkdf2Sync('wrong', salt, 1000, 16, 'sha1');
    const wrong = tlv(0x75, createHmac('sha1', wrongKey).update(challenge).digest());
    expect((await send(key, apdu(0xa3, 0, 0, Buffer.concat([wrong, tlv(0x74, hostChallenge)])))).sw).toBe(0x6984);

    const accessKey = pbkdf2Sync('hunter2', salt, 1000, 16, 'sha1');
    const right = tlv(0x75, createHmac('sha1', accessKey).update(challenge).digest());
    const v = await send(key, apdu(0xa3, 0, 0, Buffer.concat([right, tlv(0x74, hostChallenge)])));
    expect(v.sw).toBe(0x9000);
    expect(v.data.toString('hex')).toBe('7514' + createHmac('sha1', accessKey).update(hostChallenge).digest('hex'));
    expect((await send(key, '00a1000000')).sw).toBe(0x9000);

    // A new SELECT is a new session: locked again.
    await send(key, OATH_SELECT);
    expect((await send(key, '00a1000000')).sw).toBe(0x6982);
  });

  it('sets and clears the password with SET_CODE, verifying the response', async () => {
    const key = await selected();
    const newKey = hex('000102030405060708090a0b0c0d0e0f');
    const challenge = hex('0102030405060708');
    const keyTlv = tlv(0x73, Buffer.concat([hex('21'), newKey]));
    const bad = Buffer.concat([keyTlv, tlv(0x74, challenge), tlv(0x75, Buffer.alloc(20))]);
    expect((await send(key, apdu(0x03, 0, 0, bad))).sw).toBe(0x6984);
    expect(key.hasPassword).toBe(false);
    const response = createHmac('sha1', newKey).update(challenge).digest();
    const good = Buffer.concat([keyTlv, tlv(0x74, challenge), tlv(0x75, response)]);
    expect((await send(key, apdu(0x03, 0, 0, good))).sw).toBe(0x9000);
    expect(key.hasPassword).toBe(true);
    expect((await send(key, OATH_SELECT)).data.includes(hex('7408'))).toBe(true);
    expect((await send(key, apdu(0x03, 0, 0, tlv(0x73, Buffer.alloc(0))))).sw).toBe(0x6982);
  });

  it('waits for touch, answers 0x6982 when nobody touches, and never answers when pulled', async () => {
    const key = await selected({
      credentials: [{ name: 't', secret: RFC_SECRET, touch: true }],
      touch: { kind: 'auto', delayMs: 150 },
    });
    const started = Date.now();
    expect((await send(key, calculate('t', hex('0000000000000001')))).sw).toBe(0x9000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    key.setTouchBehaviour({ kind: 'manual', timeoutMs: 100 });
    expect((await send(key, calculate('t', hex('0000000000000001')))).sw).toBe(0x6982);

    key.setTouchBehaviour({ kind: 'manual', timeoutMs: 5000 });
    const pending = send(key, calculate('t', hex('0000000000000001')));
    await key.waitForTouchRequest();
    expect(key.touch()).toBe(true);
    expect((await pending).sw).toBe(0x9000);
    expect(key.touchRequests).toBe(3);

    key.setTouchBehaviour({ kind: 'remove', afterMs: 50 });
    await expect(send(key, calculate('t', hex('0000000000000001')))).rejects.toThrow(/removed/);
  });

  it('RESET wipes credentials and password and changes the salt', async () => {
    const key = await selected({ credentials: [{ name: 'a', secret: RFC_SECRET }] });
    const before = key.deviceId;
    expect((await send(key, '0004000000')).sw).toBe(0x6b00);
    expect((await send(key, '0004dead00')).sw).toBe(0x9000);
    expect(key.credentials()).toEqual([]);
    expect(key.deviceId).not.toBe(before);
  });

  it('answers the management applet with the version string and the serial', async () => {
    const key = VirtualYubiKey.create({ serial: 0x01020304 });
    const sel = await send(key, '00a4040008a000000527471117');
    expect(sel.data.toString('ascii')).toBe('5.4.3');
    const info = await send(key, '001d000000');
    expect(info.sw).toBe(0x9000);
    expect(info.data[0]).toBe(info.data.length - 1);
    expect(info.data.includes(hex('020401020304'))).toBe(true);
  });
});
