// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { formatDuration } from '../../../src-shared/time/duration';

/** AWS limits, checked before any call so a bad duration never costs a YubiKey touch. */
export const LIMITS = {
  assumeRoleMin: 900,
  /** The highest MaxSessionDuration a role can have. */
  assumeRoleMax: 43_200,
  /** Role chaining (and roles assumed with GetSessionToken credentials) is capped at 1 hour. */
  chainedRoleMax: 3_600,
  getSessionTokenMin: 900,
  getSessionTokenMax: 129_600,
} as const;

/** Default length of the MFA session (GetSessionToken): a working day, so one touch a day. */
export const DEFAULT_MFA_SESSION_SECONDS = 43_200;
/** Role sessions in the middle of a chain only need to live for the next call. */
export const INTERMEDIATE_ROLE_SECONDS = 900;

export function checkRange(what: string, seconds: number, min: number, max: number, why: string): void {
  if (Number.isInteger(seconds) && seconds >= min && seconds <= max) return;
  throw new TouchroleError('duration-invalid', `${what} of ${describe(seconds)} is out of range: ${describe(min)} to ${describe(max)} ${why}`, {
    hint: `Ask for a duration from ${describe(min)} to ${describe(max)} (e.g. --duration ${formatDuration(Math.min(max, 3600))}).`,
  });
}

function describe(seconds: number): string {
  return Number.isInteger(seconds) && seconds > 0 ? `${formatDuration(seconds)} (${seconds} s)` : String(seconds);
}
