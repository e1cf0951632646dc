// SPDX-License-Identifier: MIT
/**
 * touchrole's limits, defaults and patterns, in one place: the settings.ini parser, the profile
 * model, the session planner, the agent protocol's and the IPC contract's validators and the
 * window all read them here, so a value one accepts the others accept too.
 *
 * The `check*` functions return a problem (naming the rule, never echoing the value) or undefined.
 */

/** AWS STS limits, in seconds. */
export const STS_LIMITS = {
  assumeRoleMin: 900,
  /** The highest MaxSessionDuration a role can have (and the most a profile's duration_seconds may ask). */
  assumeRoleMax: 43_200,
  /** Role chaining (and roles assumed with GetSessionToken credentials) is capped at 1 hour. */
  chainedRoleMax: 3_600,
  getSessionTokenMin: 900,
  getSessionTokenMax: 129_600,
} as const;

/** The widest range any STS call accepts (AssumeRole 900 s up to GetSessionToken's 36 h); exact per-call limits are checked in core. */
export const MIN_DURATION_SECONDS = STS_LIMITS.assumeRoleMin;
export const MAX_DURATION_SECONDS = STS_LIMITS.getSessionTokenMax;

/** Default length of the MFA session (GetSessionToken): a working day, so one touch a day. */
export const DEFAULT_MFA_SESSION_SECONDS = 43_200;
/** Role sessions in the middle of a chain only need to live for the next call. */
export const INTERMEDIATE_ROLE_SECONDS = 900;

/** Written session profiles are named `<profile><suffix>`. */
export const DEFAULT_SESSION_SUFFIX = '-touchrole';
export const SESSION_SUFFIX_MAX_LENGTH = 32;
export const SESSION_SUFFIX_PATTERN = /^[-_.A-Za-z0-9]{1,32}$/;

/** Expiry warnings: how many thresholds, and each one's range in minutes. */
export const WARN_MINUTES_RULE = { maxCount: 5, min: 1, max: 720 } as const;

/** settings.ini's defaults (the window edits a subset of them). */
export const DEFAULTS = {
  warnMinutes: [10, 2] as readonly number[],
  defaultDurationSeconds: 3600,
  /** credential_process reuses a cached session while more than this many minutes remain. */
  refreshMinutes: 5,
  profileSuffix: DEFAULT_SESSION_SUFFIX,
  keyMaxAgeDays: 90,
  rotationGraceDays: 7,
  startAtLogin: false,
} as const;

/** A session duration any STS call could accept. */
export function checkDurationSeconds(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_DURATION_SECONDS && v <= MAX_DURATION_SECONDS
    ? undefined
    : `must be whole seconds from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`;
}

/** A profile's own duration_seconds: what AssumeRole can grant at most. */
export function checkProfileDurationSeconds(v: number): string | undefined {
  return Number.isInteger(v) && v >= STS_LIMITS.assumeRoleMin && v <= STS_LIMITS.assumeRoleMax
    ? undefined
    : `must be a whole number from ${STS_LIMITS.assumeRoleMin} to ${STS_LIMITS.assumeRoleMax}`;
}

/** 1 to 5 different whole minutes from 1 to 720. */
export function checkWarnMinutes(v: unknown): string | undefined {
  const { maxCount, min, max } = WARN_MINUTES_RULE;
  const ok =
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= maxCount &&
    v.every((m) => typeof m === 'number' && Number.isInteger(m) && m >= min && m <= max) &&
    new Set(v).size === v.length;
  return ok ? undefined : `must be 1 to ${maxCount} different whole minutes from ${min} to ${max}`;
}

export function checkSessionSuffix(v: unknown): string | undefined {
  return typeof v === 'string' && SESSION_SUFFIX_PATTERN.test(v) ? undefined : `must be 1 to ${SESSION_SUFFIX_MAX_LENGTH} letters, digits, - _ or .`;
}

/** Profile names come from ~/.aws/config section headers: one printable line, bounded. */
export function checkProfileName(v: unknown): string | undefined {
  return checkBoundedText(v);
}

export function checkBoundedText(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > 256) return 'must be a non-empty string of at most 256 characters';
  return hasControlCharacter(v) ? 'must not contain control characters' : undefined;
}

/** STS's encoded authorization failure messages run to a few KiB; far more is not one. */
export const ENCODED_MESSAGE_MAX_LENGTH = 65_536;

/** An "Encoded authorization failure message" as STS gives it: base64-ish text (the window drops whitespace before sending). */
export function checkEncodedMessage(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > ENCODED_MESSAGE_MAX_LENGTH) {
    return `must be a non-empty string of at most ${ENCODED_MESSAGE_MAX_LENGTH} characters`;
  }
  return /^[A-Za-z0-9+/=_-]+$/.test(v) ? undefined : 'must hold only letters, digits and + / = _ -';
}

export function hasControlCharacter(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A long-term or temporary access key ID as IAM makes them (AKIA..., ASIA...): 16 to 128 upper-case letters and digits. */
export const ACCESS_KEY_ID_PATTERN = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;
export const SECRET_ACCESS_KEY_MAX_LENGTH = 1024;

export function checkAccessKeyId(v: unknown): string | undefined {
  return typeof v === 'string' && ACCESS_KEY_ID_PATTERN.test(v) ? undefined : 'must be 16 to 128 upper-case letters and digits starting with AKIA or ASIA';
}

/** The secret is never echoed: the problem names the rule only. */
export function checkSecretAccessKey(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= SECRET_ACCESS_KEY_MAX_LENGTH && !/\s/.test(v)
    ? undefined
    : `must be a non-empty string of at most ${SECRET_ACCESS_KEY_MAX_LENGTH} characters without whitespace`;
}
