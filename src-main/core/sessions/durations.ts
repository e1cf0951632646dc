// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { formatDuration } from '../../../src-shared/time/duration';

/**
 * Refuses a duration outside AWS's range before any call, so a bad duration never costs a YubiKey
 * touch. The limits are in src-shared/rules.ts (STS_LIMITS), shared with the window and the protocols.
 */
export function checkRange(what: string, seconds: number, min: number, max: number, why: string): void {
  if (Number.isInteger(seconds) && seconds >= min && seconds <= max) return;
  throw new TouchroleError('duration-invalid', `${what} of ${describe(seconds)} is out of range: ${describe(min)} to ${describe(max)} ${why}`, {
    hint: `Ask for a duration from ${describe(min)} to ${describe(max)} (e.g. --duration ${formatDuration(Math.min(max, 3600))}).`,
  });
}

function describe(seconds: number): string {
  return Number.isInteger(seconds) && seconds > 0 ? `${formatDuration(seconds)} (${seconds} s)` : String(seconds);
}
