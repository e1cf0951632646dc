// SPDX-License-Identifier: MIT
// Server-side TOTP checks as IAM does them: HMAC-SHA1, 6 digits, 30 s steps, one step of drift
// either way, and a code (time step) accepted at most once per device.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { counterBytes, dynamicTruncate, formatCode, timeStep } from '../../src-shared/oath-codec/totp';

export const MFA_DIGITS = 6;
/** Steps of clock drift accepted either side of the current one. */
export const ALLOWED_DRIFT_STEPS = 1;

/** The verifier's view of one MFA device: its seed and the last time step a code was accepted for. */
export interface TotpState {
  readonly seed: Uint8Array;
  lastUsedStep: number;
}

export type TotpVerdict = 'ok' | 'invalid' | 'reused';

export function totpCodeAtStep(seed: Uint8Array, step: number): string {
  const hmac = createHmac('sha1', seed).update(counterBytes(step)).digest();
  return formatCode(dynamicTruncate(new Uint8Array(hmac)), MFA_DIGITS);
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function matchingStep(state: TotpState, code: string, from: number, to: number): number | undefined {
  for (let step = from; step <= to; step++) if (sameCode(totpCodeAtStep(state.seed, step), code)) return step;
  return undefined;
}

/**
 * Checks one code at `nowMs`. On success the device remembers the step, so that code and any
 * older one are refused afterwards (RFC 6238 section 5.2), as AWS refuses a reused code.
 */
export function verifyTotp(state: TotpState, code: string, nowMs: number): TotpVerdict {
  const now = timeStep(nowMs);
  const step = matchingStep(state, code, now - ALLOWED_DRIFT_STEPS, now + ALLOWED_DRIFT_STEPS);
  if (step === undefined) return 'invalid';
  if (step <= state.lastUsedStep) return 'reused';
  state.lastUsedStep = step;
  return 'ok';
}

/**
 * EnableMFADevice's check: two consecutive codes, the second one at most one step ahead of now.
 * IAM accepts codes generated a little while before the call, so the pair may start two steps back.
 */
export function verifyConsecutiveCodes(state: TotpState, code1: string, code2: string, nowMs: number): boolean {
  const now = timeStep(nowMs);
  const first = matchingStep(state, code1, now - 2, now);
  if (first === undefined || !sameCode(totpCodeAtStep(state.seed, first + 1), code2)) return false;
  state.lastUsedStep = Math.max(state.lastUsedStep, first + 1);
  return true;
}
