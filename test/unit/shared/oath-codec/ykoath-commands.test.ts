// SPDX-License-Identifier: MIT
/** Byte-exact YKOATH commands; the expected hex is what yubikit 4.0.9 (on this machine) sends. */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8Encode } from '../../../../src-shared/bytes';
import {
  encodeCalculate,
  encodeCalculateAll,
  encodeDelete,
  encodeList,
  encodePut,
  encodeReadDeviceInfo,
  encodeReset,
  encodeSelect,
  encodeSendRemaining,
  encodeSetCode,
  encodeUnsetCode,
  encodeValidate,
} from '../../../../src-shared/oath-codec/ykoath-commands';
import { MANAGEMENT_AID, OATH_AID } from '../../../../src-shared/oath-codec/ykoath';

const hex = bytesToHex;

describe('YKOATH command encoders', () => {
  it.each([
    ['SELECT OATH', () => encodeSelect(OATH_AID), '00a4040007a0000005272101'],
    ['SELECT management', () => encodeSelect(MANAGEMENT_AID), '00a4040008a000000527471117'],
    ['LIST', () => encodeList(), '00a1000000'],
    ['SEND_REMAINING', () => encodeSendRemaining(), '00a5000000'],
    ['RESET', () => encodeReset(), '0004dead00'],
    ['READ_CONFIG', () => encodeReadDeviceInfo(), '001d000000'],
    ['CALCULATE_ALL at T=1111111111', () => encodeCalculateAll(hexToBytes('00000000023523ed')), '00a400010a740800000000023523ed'],
    [
      'CALCULATE 60 s credential',
      () => encodeCalculate('60/GitHub:carol', hexToBytes('00000000011a91f6')),
      '00a200011b710f36302f4769744875623a6361726f6c740800000000011a91f6',
    ],
    ['CALCULATE HOTP (empty challenge)', () => encodeCalculate('h', new Uint8Array(0)), '00a200010571016874' + '00'],
    ['DELETE', () => encodeDelete('60/Example:alice@example.com'), '000200001e711c36302f4578616d706c653a616c696365406578616d706c652e636f6d'],
    ['SET_CODE removing the password', () => encodeUnsetCode(), '00030000027300'],
  ])('%s', (_name, encode, expected) => {
    expect(hex(encode())).toBe(expected);
  });

  it('PUT TOTP SHA256 8 digits with touch', () => {
    const apdu = encodePut({
      id: '60/Example:alice@example.com',
      type: 'totp',
      algorithm: 'SHA256',
      digits: 8,
      secret: utf8Encode('12345678901234567890123456789012'),
      touch: true,
    });
    expect(hex(apdu)).toBe(
      '0001000044711c36302f4578616d706c653a616c696365406578616d706c652e636f6d7322220831323334353637383930313233343536373839303132333435363738393031327802',
    );
  });

  it('PUT HOTP pads a short secret to 14 bytes and sends the IMF', () => {
    const apdu = encodePut({ id: 'h', type: 'hotp', algorithm: 'SHA1', digits: 6, secret: utf8Encode('1234567890'), counter: 5 });
    expect(hex(apdu)).toBe('000100001b7101687310110631323334353637383930000000007a0400000005');
  });

  it('PUT refuses over-long secrets and bad digit counts', () => {
    const base = { id: 'x', type: 'totp', algorithm: 'SHA1', digits: 6, secret: new Uint8Array(20) } as const;
    expect(() => encodePut({ ...base, secret: new Uint8Array(65) })).toThrow(RangeError);
    expect(() => encodePut({ ...base, algorithm: 'SHA512', secret: new Uint8Array(128) })).not.toThrow();
    expect(() => encodePut({ ...base, digits: 5 })).toThrow(RangeError);
    expect(() => encodePut({ ...base, digits: 9 })).toThrow(RangeError);
  });

  it('SET_CODE with key, challenge and response', () => {
    const key = hexToBytes('d0c6df9806c2b3e3d1627596479f2f95'); // PBKDF2 of "hunter2" with salt 0102..08
    const challenge = hexToBytes('a0a1a2a3a4a5a6a7');
    const response = hexToBytes('7a1fc804f8f9be19fbed865412a4e57db406d908');
    expect(hex(encodeSetCode(key, challenge, response))).toBe(
      '0003000033731121d0c6df9806c2b3e3d1627596479f2f957408a0a1a2a3a4a5a6a775147a1fc804f8f9be19fbed865412a4e57db406d908',
    );
  });

  it('VALIDATE with our response and our challenge', () => {
    const apdu = encodeValidate(hexToBytes('341d95a46932afd634fb9a703b6c525f9c57ad93'), hexToBytes('a0a1a2a3a4a5a6a7'));
    expect(hex(apdu)).toBe('00a30000207514341d95a46932afd634fb9a703b6c525f9c57ad937408a0a1a2a3a4a5a6a7');
  });
});
