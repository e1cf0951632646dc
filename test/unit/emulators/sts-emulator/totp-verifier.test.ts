// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../../src-emulators/sts-emulator/base32';
import { totpCodeAtStep, verifyConsecutiveCodes, verifyTotp, type TotpState } from '../../../../src-emulators/sts-emulator/totp-verifier';

// RFC 6238 appendix B, SHA1 seed, last six digits of the eight-digit codes.
const RFC_SEED = new TextEncoder().encode('12345678901234567890');
const STEP_MS = 30_000;

const device = (): TotpState => ({ seed: RFC_SEED, lastUsedStep: -1 });

describe('totpCodeAtStep (RFC 6238 SHA1 vectors)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at T=%i s gives %s', (seconds, code) => {
    expect(totpCodeAtStep(RFC_SEED, Math.floor(seconds / 30))).toBe(code);
  });
});

describe('verifyTotp', () => {
  const now = 1111111111_000;
  const step = Math.floor(now / STEP_MS);

  it('accepts the current code once and refuses it the second time', () => {
    const d = device();
    expect(verifyTotp(d, totpCodeAtStep(RFC_SEED, step), now)).toBe('ok');
    expect(verifyTotp(d, totpCodeAtStep(RFC_SEED, step), now)).toBe('reused');
  });

  it('accepts one step of drift either way, not two', () => {
    expect(verifyTotp(device(), totpCodeAtStep(RFC_SEED, step - 1), now)).toBe('ok');
    expect(verifyTotp(device(), totpCodeAtStep(RFC_SEED, step + 1), now)).toBe('ok');
    expect(verifyTotp(device(), totpCodeAtStep(RFC_SEED, step - 2), now)).toBe('invalid');
    expect(verifyTotp(device(), totpCodeAtStep(RFC_SEED, step + 2), now)).toBe('invalid');
  });

  it('refuses an older code once a newer one was used', () => {
    const d = device();
    expect(verifyTotp(d, totpCodeAtStep(RFC_SEED, step), now)).toBe('ok');
    expect(verifyTotp(d, totpCodeAtStep(RFC_SEED, step - 1), now)).toBe('reused');
  });

  it('accepts the next step after the current one was used', () => {
    const d = device();
    expect(verifyTotp(d, totpCodeAtStep(RFC_SEED, step), now)).toBe('ok');
    expect(verifyTotp(d, totpCodeAtStep(RFC_SEED, step + 1), now + STEP_MS)).toBe('ok');
  });

  it('refuses a wrong code and a code of another seed', () => {
    const right = totpCodeAtStep(RFC_SEED, step);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(device(), wrong, now)).toBe('invalid');
    const other = totpCodeAtStep(new TextEncoder().encode('another seed 1234567'), step);
    expect(other).not.toBe(right);
    expect(verifyTotp(device(), other, now)).toBe('invalid');
  });
});

describe('verifyConsecutiveCodes (EnableMFADevice)', () => {
  const now = 2000000000_000;
  const step = Math.floor(now / STEP_MS);
  const code = (s: number): string => totpCodeAtStep(RFC_SEED, s);

  it('accepts two consecutive codes ending now or one step ahead', () => {
    expect(verifyConsecutiveCodes(device(), code(step - 1), code(step), now)).toBe(true);
    expect(verifyConsecutiveCodes(device(), code(step), code(step + 1), now)).toBe(true);
  });

  it('refuses codes out of order, not consecutive, or too old', () => {
    expect(verifyConsecutiveCodes(device(), code(step), code(step - 1), now)).toBe(false);
    expect(verifyConsecutiveCodes(device(), code(step - 2), code(step), now)).toBe(false);
    expect(verifyConsecutiveCodes(device(), code(step - 4), code(step - 3), now)).toBe(false);
  });

  it('marks the second code used', () => {
    const d = device();
    expect(verifyConsecutiveCodes(d, code(step - 1), code(step), now)).toBe(true);
    expect(verifyTotp(d, code(step), now)).toBe('reused');
  });
});

describe('base32', () => {
  it('round-trips and matches RFC 4648 vectors', () => {
    const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(base32Encode(ascii('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(ascii('fo'))).toBe('MZXQ');
    expect(base32Decode('MZXW6YTBOI======')).toEqual(ascii('foobar'));
    expect(base32Decode('mzxw 6ytb oi')).toEqual(ascii('foobar'));
    expect(base32Encode(RFC_SEED)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow(RangeError);
  });
});
