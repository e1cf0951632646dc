// SPDX-License-Identifier: MIT
/** TOTP/HOTP arithmetic shared by the OATH (CCID) and OTP-slot (HID) paths. RFC 4226 / 6238. */

export const DEFAULT_PERIOD_SECONDS = 30;

/** The RFC 6238 time step T for a Unix time in milliseconds. */
export function timeStep(nowMs: number, periodSeconds: number = DEFAULT_PERIOD_SECONDS): number {
  return Math.floor(nowMs / 1000 / periodSeconds);
}

/** The 8-byte big-endian moving factor (counter or time step) that HOTP/TOTP feed to HMAC. */
export function counterBytes(counter: number): Uint8Array {
  const out = new Uint8Array(8);
  let v = counter;
  for (let i = 7; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/** RFC 4226 section 5.3 dynamic truncation of a full HMAC to a 31-bit integer. */
export function dynamicTruncate(hmac: Uint8Array): number {
  const last = hmac[hmac.length - 1];
  if (last === undefined || hmac.length < 20) throw new RangeError('HMAC too short to truncate');
  const offset = last & 0x0f;
  const b = (i: number): number => hmac[offset + i] ?? 0;
  return ((b(0) & 0x7f) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

/** The code string for a 31-bit truncated value, left-padded with zeros to `digits`. */
export function formatCode(truncated: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) throw new RangeError(`unsupported digit count ${digits}`);
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

/** Seconds left in the current time step: how long a freshly read code stays valid. */
export function secondsLeftInStep(nowMs: number, periodSeconds: number = DEFAULT_PERIOD_SECONDS): number {
  const periodMs = periodSeconds * 1000;
  return Math.ceil((periodMs - (nowMs % periodMs)) / 1000);
}

/** The 8-byte TOTP challenge the host sends to CALCULATE / CALCULATE_ALL at `nowMs`. */
export function totpChallenge(nowMs: number, periodSeconds: number = DEFAULT_PERIOD_SECONDS): Uint8Array {
  return counterBytes(timeStep(nowMs, periodSeconds));
}
