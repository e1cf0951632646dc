// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../../src-shared/bytes';
import { encodeApdu, formatStatus, splitResponse, statusKind } from '../../../../src-shared/oath-codec/apdu';

describe('APDU', () => {
  it('encodes a data-less command with Le=00, as yubikit does', () => {
    expect(bytesToHex(encodeApdu({ ins: 0xa1 }))).toBe('00a1000000');
  });

  it('encodes Lc and data', () => {
    expect(bytesToHex(encodeApdu({ cla: 0x80, ins: 0x01, p1: 2, p2: 3, data: hexToBytes('aabb') }))).toBe('8001020302aabb');
  });

  it('refuses data longer than a short APDU allows', () => {
    expect(() => encodeApdu({ ins: 1, data: new Uint8Array(256) })).toThrow(RangeError);
    expect(encodeApdu({ ins: 1, data: new Uint8Array(255) }).length).toBe(260);
  });

  it('splits data and status word', () => {
    expect(splitResponse(hexToBytes('01029000'))).toEqual({ data: hexToBytes('0102'), sw: 0x9000 });
    expect(splitResponse(hexToBytes('6a84'))).toEqual({ data: new Uint8Array(0), sw: 0x6a84 });
    expect(() => splitResponse(hexToBytes('90'))).toThrow(RangeError);
  });

  it.each([
    [0x9000, 'ok'],
    [0x6100, 'more-data'],
    [0x61ff, 'more-data'],
    [0x6982, 'auth-required'],
    [0x6984, 'no-such-object'],
    [0x6a84, 'no-space'],
    [0x6a82, 'not-found'],
    [0x6a80, 'wrong-data'],
    [0x6d00, 'unsupported'],
    [0x6e00, 'unsupported'],
    [0x6f00, 'other'],
  ])('classifies SW %i', (sw, kind) => {
    expect(statusKind(sw)).toBe(kind);
  });

  it('formats status words like yubikit', () => {
    expect(formatStatus(0x6a84)).toBe('SW=0x6a84 (NO_SPACE)');
    expect(formatStatus(0x6110)).toBe('SW=0x6110 (MORE_DATA)');
    expect(formatStatus(0x6f00)).toBe('SW=0x6f00 (UNKNOWN)');
  });
});
