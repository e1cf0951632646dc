// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { base64NoPad, bytesEqual, bytesToHex, concatBytes, hexToBytes, utf8Decode, utf8Encode } from '../../../src-shared/bytes';

describe('bytes', () => {
  it('round-trips hex and rejects malformed hex', () => {
    expect(bytesToHex(hexToBytes('00ff10Ab'))).toBe('00ff10ab');
    expect(() => hexToBytes('abc')).toThrow(RangeError);
    expect(() => hexToBytes('zz')).toThrow(RangeError);
  });

  it.each([
    ['ascii', 'AWS:alice', '4157533a616c696365'],
    ['2-byte', 'é', 'c3a9'],
    ['3-byte', '€', 'e282ac'],
    ['4-byte', '😀', 'f09f9880'],
  ])('utf8 %s matches Node', (_kind, text, hex) => {
    expect(bytesToHex(utf8Encode(text))).toBe(hex);
    expect(bytesToHex(utf8Encode(text))).toBe(Buffer.from(text, 'utf8').toString('hex'));
    expect(utf8Decode(hexToBytes(hex))).toBe(text);
  });

  it('decodes malformed utf8 to U+FFFD', () => {
    expect(utf8Decode(hexToBytes('61ff62'))).toBe('a\ufffdb');
    expect(utf8Decode(hexToBytes('e282'))).toBe('\ufffd\ufffd');
  });

  it.each([0, 1, 2, 3, 16, 17, 32])('base64NoPad of %i bytes equals Node base64 without padding', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
    expect(base64NoPad(bytes)).toBe(Buffer.from(bytes).toString('base64').replace(/=+$/, ''));
  });

  it('concatenates and compares', () => {
    const joined = concatBytes(hexToBytes('0102'), new Uint8Array(0), hexToBytes('03'));
    expect(bytesToHex(joined)).toBe('010203');
    expect(bytesEqual(joined, hexToBytes('010203'))).toBe(true);
    expect(bytesEqual(joined, hexToBytes('010204'))).toBe(false);
    expect(bytesEqual(joined, hexToBytes('0102'))).toBe(false);
  });
});
