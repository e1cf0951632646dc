// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../../src-shared/bytes';
import { encodeTlv, findTlv, parseTlvs, requireTlv, TlvError } from '../../../../src-shared/oath-codec/tlv';

describe('TLV', () => {
  it.each([
    ['empty', 0, '7100'],
    ['short', 3, '7103'],
    ['0x7f', 0x7f, '717f'],
    ['0x80 uses 81', 0x80, '718180'],
    ['0xff uses 81', 0xff, '7181ff'],
    ['0x100 uses 82', 0x100, '71820100'],
    ['0x1234 uses 82', 0x1234, '71821234'],
  ])('encodes %s lengths', (_name, length, header) => {
    const value = Uint8Array.from({ length }, (_, i) => i & 0xff);
    const encoded = encodeTlv(0x71, value);
    expect(bytesToHex(encoded.slice(0, header.length / 2))).toBe(header);
    expect(encoded.length).toBe(header.length / 2 + length);
    const [tlv] = parseTlvs(encoded);
    expect(tlv?.tag).toBe(0x71);
    expect(tlv?.value).toEqual(value);
  });

  it('parses a run of TLVs and finds by tag', () => {
    const tlvs = parseTlvs(hexToBytes('7903050403 7108 0102030405060708 7400'));
    expect(tlvs.map((t) => t.tag)).toEqual([0x79, 0x71, 0x74]);
    expect(bytesToHex(requireTlv(tlvs, 0x71))).toBe('0102030405060708');
    expect(findTlv(tlvs, 0x74)).toEqual(new Uint8Array(0));
    expect(findTlv(tlvs, 0x75)).toBeUndefined();
    expect(() => requireTlv(tlvs, 0x75)).toThrow(TlvError);
  });

  it.each([
    ['missing length', '71'],
    ['value shorter than length', '710301'],
    ['81 without length byte', '7181'],
    ['82 with one length byte', '718201'],
    ['unsupported 0x83 length form', '7183000001'],
  ])('rejects %s', (_name, hex) => {
    expect(() => parseTlvs(hexToBytes(hex))).toThrow(TlvError);
  });
});
