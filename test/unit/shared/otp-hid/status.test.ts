// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { classifyReport, formatVersion, isReadyToWrite, isSlotConfigured, parseStatus, progSeqAdvanced, versionAtLeast } from '../../../../src-shared/otp-hid';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

describe('otp-hid status reports', () => {
  it('parses the status struct: version, programming sequence, touch level (little-endian)', () => {
    expect(parseStatus(hex('0005040307020100'))).toEqual({ version: [5, 4, 3], progSeq: 7, touchLevel: 0x0102 });
    expect(formatVersion([5, 4, 3])).toBe('5.4.3');
  });

  it.each([
    ['0005040307020000', 'status'],
    ['278c02e53610f840', 'response'],
    ['0005040307020020', 'waiting'],
    ['000504030702002f', 'waiting'],
    ['0005040307020080', 'waiting'],
  ])('classifies %s as %s', (report, kind) => {
    expect(classifyReport(hex(report)).kind).toBe(kind);
  });

  it('reads the response sequence number and data, and the touch flag', () => {
    expect(classifyReport(hex('4c40bd9135acd441'))).toEqual({ kind: 'response', seq: 1, data: hex('4c40bd9135acd4') });
    expect(classifyReport(hex('0000000000000020'))).toEqual({ kind: 'waiting', touch: true });
    expect(classifyReport(hex('0000000000000080'))).toEqual({ kind: 'waiting', touch: false });
  });

  it('rejects reports that are not 8 bytes', () => {
    expect(() => classifyReport(new Uint8Array(9))).toThrow(RangeError);
    expect(() => parseStatus(new Uint8Array(7))).toThrow(RangeError);
  });

  it('sees the write flag as "not ready to write"', () => {
    expect(isReadyToWrite(hex('0005040307020000'))).toBe(true);
    expect(isReadyToWrite(hex('0005040307020081'))).toBe(false);
  });

  it('reads which slots are configured (CFGSTATE bits)', () => {
    const status = (touchLevel: number) => ({ version: [5, 4, 3] as const, progSeq: 1, touchLevel });
    expect(isSlotConfigured(status(0x02), 2)).toBe(true);
    expect(isSlotConfigured(status(0x02), 1)).toBe(false);
    expect(isSlotConfigured(status(0x01), 1)).toBe(true);
    expect(isSlotConfigured(status(0x0c), 1)).toBe(false);
  });

  it('follows yubikit for "programming sequence advanced"', () => {
    const s = (progSeq: number, touchLevel = 0x03) => ({ version: [5, 4, 3] as const, progSeq, touchLevel });
    expect(progSeqAdvanced(7, s(8))).toBe(true);
    expect(progSeqAdvanced(7, s(7))).toBe(false);
    // Deleting the last configuration resets the sequence to 0 with no valid slots.
    expect(progSeqAdvanced(7, s(0, 0))).toBe(true);
    expect(progSeqAdvanced(7, s(0, 0x01))).toBe(false);
    expect(progSeqAdvanced(0, s(0, 0))).toBe(false);
  });

  it('compares firmware versions', () => {
    expect(versionAtLeast([2, 2, 0], [2, 2, 0])).toBe(true);
    expect(versionAtLeast([2, 1, 9], [2, 2, 0])).toBe(false);
    expect(versionAtLeast([5, 0, 0], [2, 2, 0])).toBe(true);
    expect(versionAtLeast([2, 2, 1], [2, 3, 0])).toBe(false);
  });
});
