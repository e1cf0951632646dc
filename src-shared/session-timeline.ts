// SPDX-License-Identifier: MIT
/**
 * What is due for a set of expiring sessions at a given wall-clock time: expiry warnings (each
 * once per session and threshold), sessions that have expired, and when to look again.
 *
 * Pure and stateless apart from the `warned` set the caller carries from one call to the next,
 * so a jump of the wall clock (sleep/resume) is just a call with a much later `now`.
 */

export const MINUTE_MS = 60_000;
export const SECOND_MS = 1_000;
/** Default warning thresholds: 10 and 2 minutes before expiry. */
export const DEFAULT_WARNING_THRESHOLDS_MS: readonly number[] = [10 * MINUTE_MS, 2 * MINUTE_MS];

export interface TimelineSession {
  profile: string;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
}

export interface TimelineInput {
  sessions: readonly TimelineSession[];
  now: number;
  /** Warn this long before expiry; default 10 and 2 minutes. */
  thresholdsMs?: readonly number[];
  /** The `warned` set returned by the previous call (empty at first). */
  warned: ReadonlySet<string>;
  /** A window shows a live countdown: tick every second. */
  countdownShown?: boolean;
}

export interface DueWarning {
  profile: string;
  expiresAt: number;
  thresholdMs: number;
  msLeft: number;
}

export interface TimelineResult {
  warnings: DueWarning[];
  expired: TimelineSession[];
  /** Pass back in as `warned` next time; holds only keys of sessions still alive. */
  warned: Set<string>;
  /** When to call again (ms since the epoch), always later than `now`. */
  nextTickAt: number;
}

export function computeTimeline(input: TimelineInput): TimelineResult {
  const { now, sessions } = input;
  const thresholds = [...(input.thresholdsMs ?? DEFAULT_WARNING_THRESHOLDS_MS)].filter((t) => t > 0).sort((a, b) => b - a);
  const warnings: DueWarning[] = [];
  const expired: TimelineSession[] = [];
  const warned = new Set<string>();
  let nextTickAt = now + (input.countdownShown === true ? SECOND_MS : MINUTE_MS);

  for (const session of sessions) {
    const msLeft = session.expiresAt - now;
    if (msLeft <= 0) {
      expired.push(session);
      continue;
    }
    // After a wall-clock jump several thresholds can be crossed at once: say only the most
    // urgent one, and remember all of them so none fires late.
    const crossed = thresholds.filter((t) => msLeft <= t);
    const fresh = crossed.filter((t) => !input.warned.has(warningKey(session, t)));
    const mostUrgent = fresh[fresh.length - 1];
    if (mostUrgent !== undefined) warnings.push({ profile: session.profile, expiresAt: session.expiresAt, thresholdMs: mostUrgent, msLeft });
    // Keep earlier warnings too, so a clock set backwards does not repeat them.
    for (const t of thresholds) if (msLeft <= t || input.warned.has(warningKey(session, t))) warned.add(warningKey(session, t));

    nextTickAt = Math.min(nextTickAt, nextTickFor(session, msLeft, now, thresholds));
  }
  return { warnings, expired, warned, nextTickAt };
}

/** Every second in the last minute; otherwise at the next threshold, at the start of the last minute, or in a minute. */
function nextTickFor(session: TimelineSession, msLeft: number, now: number, thresholds: readonly number[]): number {
  if (msLeft <= MINUTE_MS) return now + Math.min(SECOND_MS, msLeft);
  const upcoming = [...thresholds, MINUTE_MS].map((t) => session.expiresAt - t).filter((at) => at > now);
  return Math.min(now + MINUTE_MS, ...upcoming);
}

// A renewed session has a new expiry, so its warnings fire again.
function warningKey(session: TimelineSession, thresholdMs: number): string {
  return `${session.profile}\n${session.expiresAt}\n${thresholdMs}`;
}
