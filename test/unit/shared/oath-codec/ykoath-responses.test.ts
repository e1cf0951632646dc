// SPDX-License-Identifier: MIT
/** Response parsing; the byte strings and expected values were checked against yubikit 4.0.9. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../../src-shared/bytes';
import { TlvError } from '../../../../src-shared/oath-codec/tlv';
import {
  deviceIdFromSaltDigest,
  parseCalculateAllResponse,
  parseDeviceInfoSerial,
  parseFullCalculateResponse,
  parseListResponse,
  parseSelectResponse,
  parseValidateResponse,
  truncatedToCode,
} from '../../../../src-shared/oath-codec/ykoath-responses';

const LIST =
  '7228214157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c696365' +
  '720c124578616d706c653a626f62' +
  '72102336302f4769744875623a6361726f6c';
const CALCULATE_ALL =
  '71274157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c6963657605061234abcd' +
  '710b4578616d706c653a626f62770106' +
  '7106746f756368797c0108' +
  '710f36302f4769744875623a6361726f6c76050600000001';

describe('SELECT response', () => {
  it('without a password', () => {
    const r = parseSelectResponse(hexToBytes('79030504037108 0102030405060708'));
    expect(r.version).toEqual([5, 4, 3]);
    expect(bytesToHex(r.salt)).toBe('0102030405060708');
    expect(r.challenge).toBeUndefined();
    expect(r.algorithm).toBeUndefined();
  });

  it('with a password: challenge and algorithm', () => {
    const r = parseSelectResponse(hexToBytes('7903050403 71080102030405060708 74081122334455667788 7b0121'));
    expect(bytesToHex(r.challenge ?? new Uint8Array(0))).toBe('1122334455667788');
    expect(r.algorithm).toBe('SHA1');
  });

  it('rejects a response without version', () => {
    expect(() => parseSelectResponse(hexToBytes('71080102030405060708'))).toThrow(TlvError);
  });

  it('device id equals ykman for salt 0102030405060708', () => {
    const digest = new Uint8Array(createHash('sha256').update(hexToBytes('0102030405060708')).digest());
    expect(deviceIdFromSaltDigest(digest)).toBe('ZoQN2hVOihE8Md0K0y9/Og');
  });
});

describe('LIST response', () => {
  it('parses type, algorithm, issuer, name and period', () => {
    expect(parseListResponse(hexToBytes(LIST))).toEqual([
      {
        id: 'AWS:arn:aws:iam::123456789012:mfa/alice',
        type: 'totp',
        algorithm: 'SHA1',
        issuer: 'AWS',
        name: 'arn:aws:iam::123456789012:mfa/alice',
        period: 30,
      },
      { id: 'Example:bob', type: 'hotp', algorithm: 'SHA256', issuer: 'Example', name: 'bob', period: 0 },
      { id: '60/GitHub:carol', type: 'totp', algorithm: 'SHA512', issuer: 'GitHub', name: 'carol', period: 60 },
    ]);
  });

  it('parses an empty list and rejects foreign tags', () => {
    expect(parseListResponse(new Uint8Array(0))).toEqual([]);
    expect(() => parseListResponse(hexToBytes('710121'))).toThrow(TlvError);
    expect(() => parseListResponse(hexToBytes('720141'))).toThrow(TlvError);
  });
});

describe('CALCULATE_ALL response', () => {
  it('parses truncated, HOTP, touch and non-default period entries', () => {
    const entries = parseCalculateAllResponse(hexToBytes(CALCULATE_ALL));
    expect(entries.map((e) => [e.id, e.type, e.period, e.result.kind])).toEqual([
      ['AWS:arn:aws:iam::123456789012:mfa/alice', 'totp', 30, 'truncated'],
      ['Example:bob', 'hotp', 0, 'hotp'],
      ['touchy', 'totp', 30, 'touch'],
      ['60/GitHub:carol', 'totp', 60, 'truncated'],
    ]);
    const first = entries[0]?.result;
    expect(first?.kind === 'truncated' ? truncatedToCode(first.code) : undefined).toBe('441741');
    expect(entries[2]?.result).toEqual({ kind: 'touch', digits: 8 });
  });

  it('parses a full (0x75) response', () => {
    const [entry] = parseCalculateAllResponse(hexToBytes('710178 7505 06 01020304'));
    expect(entry?.result).toEqual({ kind: 'full', digits: 6, hmac: hexToBytes('01020304') });
  });

  it.each([
    ['a name without a response', '710178'],
    ['an unknown response tag', '710178 7001 06'],
    ['a response first', '7605061234abcd 710178'],
  ])('rejects %s', (_name, hex) => {
    expect(() => parseCalculateAllResponse(hexToBytes(hex))).toThrow(TlvError);
  });
});

describe('other responses', () => {
  it('CALCULATE full response', () => {
    expect(parseFullCalculateResponse(hexToBytes('7503 08 aabb'))).toEqual({ digits: 8, hmac: hexToBytes('aabb') });
  });

  it('VALIDATE response', () => {
    expect(bytesToHex(parseValidateResponse(hexToBytes('7502 abcd')))).toBe('abcd');
    expect(() => parseValidateResponse(hexToBytes('7402 abcd'))).toThrow(TlvError);
  });

  it('device info serial (as the virtual key and a YubiKey 5 answer)', () => {
    expect(parseDeviceInfoSerial(hexToBytes('0a 0102023b 0204 00bc614e'))).toBe(12345678);
    expect(parseDeviceInfoSerial(hexToBytes('04 0102023b'))).toBeUndefined();
    expect(parseDeviceInfoSerial(hexToBytes('06 020400000000'))).toBeUndefined();
    expect(() => parseDeviceInfoSerial(hexToBytes('05 0102023b'))).toThrow(TlvError);
  });
});
