// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { ResponseAssembler, verifyResponse } from '../../../../src-shared/otp-hid';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// Response reports for HMAC-SHA1("12345678901234567890", step of T=1111111109); yubikit reads
// them to 278c02e5...0a14, which truncates to the RFC 6238 code 07081804.
const REPORTS = ['278c02e53610f840', '4c40bd9135acd441', '101012410a14c142', '8a00000000000043', '0000000000000040'];
const HMAC = '278c02e53610f84c40bd9135acd4101012410a14';

function assemble(reports: string[]): Uint8Array | undefined {
  const a = new ResponseAssembler();
  for (const r of reports) {
    const step = a.push(hex(r));
    if (step.kind === 'complete') return step.data;
  }
  return undefined;
}

describe('otp-hid response reassembly', () => {
  it('collects chunks until the sequence wraps to 0, then checks the CRC', () => {
    const data = assemble(REPORTS);
    expect(data?.length).toBe(28);
    expect(toHex(verifyResponse(data ?? new Uint8Array(0), 20) ?? new Uint8Array(0))).toBe(HMAC);
  });

  it('ignores a repeated chunk (the key re-sends until read) and keeps order', () => {
    const data = assemble([REPORTS[0] ?? '', REPORTS[1] ?? '', REPORTS[1] ?? '', ...REPORTS.slice(2)]);
    expect(toHex(verifyResponse(data ?? new Uint8Array(0), 20) ?? new Uint8Array(0))).toBe(HMAC);
  });

  it('reports a non-response report and tracks whether data arrived', () => {
    const a = new ResponseAssembler();
    expect(a.push(hex('0005040307020000'))).toEqual({ kind: 'not-response' });
    expect(a.hasData).toBe(false);
    expect(a.push(hex(REPORTS[0] ?? ''))).toEqual({ kind: 'more' });
    expect(a.hasData).toBe(true);
  });

  it('returns null for a corrupted or short response', () => {
    const data = assemble(REPORTS) ?? new Uint8Array(0);
    const bad = data.slice();
    bad[5] = (bad[5] ?? 0) ^ 0x80;
    expect(verifyResponse(bad, 20)).toBeNull();
    expect(verifyResponse(data.subarray(0, 21), 20)).toBeNull();
  });
});
