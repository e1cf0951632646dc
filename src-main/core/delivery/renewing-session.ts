// SPDX-License-Identifier: MIT
import type { Clock } from '../../../src-shared/time/clock';
import type { Timers } from '../agent/session-keeper';
import type { SessionCredentials } from './child-env';
import type { DeliveredSession, SessionSource } from './session-source';

export interface RenewingSessionOptions {
  source: SessionSource;
  initial: DeliveredSession;
  durationSeconds?: number;
  /** Renew when this much is left (settings' refresh_minutes). */
  renewBeforeMs: number;
  clock: Clock;
  timers: Timers;
  /** After a failed renewal (touch not given, network), try again this much later. */
  retryMs?: number;
  /** One line per renewal or failure, for stderr; never a secret. */
  log: (line: string) => void;
}

// A session is renewed no earlier than this after it arrived, and a renewal asks for at least this much more than the lead.
const MIN_GAIN_MS = 60_000;

/**
 * The session behind `touchrole exec --server`: renews itself before it expires, through the
 * same SessionSource (so the touch prompt, ledger and cache are the usual ones), and keeps
 * serving the old one until the new one arrives. After expiry it serves nothing.
 */
export class RenewingSession {
  private session: DeliveredSession;
  private timer: unknown;
  private stopped = false;
  private renewing: Promise<void> | undefined;
  private readonly retryMs: number;

  constructor(private readonly o: RenewingSessionOptions) {
    this.session = o.initial;
    this.retryMs = o.retryMs ?? 30_000;
    this.adopt(o.initial);
  }

  /** The credentials to serve now, or undefined once they expired without a renewal. */
  current(): (SessionCredentials & { roleArn?: string }) | undefined {
    const c = this.session.credentials;
    if (c.expiration <= this.o.clock.now()) return undefined;
    return this.session.roleArn === undefined ? c : { ...c, roleArn: this.session.roleArn };
  }

  /** Stops renewing; waits for a renewal in flight so nothing outlives the command. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.o.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.renewing;
  }

  /** Serves `s` and schedules its renewal; a session shorter than the lead is renewed a minute after it arrived, not in a loop. */
  private adopt(s: DeliveredSession): void {
    this.session = s;
    const left = s.credentials.expiration - this.o.clock.now();
    const leadMs = Math.max(0, Math.min(this.o.renewBeforeMs, left - MIN_GAIN_MS));
    this.schedule(left - leadMs);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.o.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.renewing = this.renew().finally(() => (this.renewing = undefined));
      },
      Math.max(0, delayMs),
    );
  }

  private async renew(): Promise<void> {
    const o = this.o;
    try {
      const next = await o.source.session(o.initial.profile, {
        minRemainingMs: o.renewBeforeMs + MIN_GAIN_MS,
        ...(o.durationSeconds === undefined ? {} : { durationSeconds: o.durationSeconds }),
      });
      if (next.credentials.expiration <= this.session.credentials.expiration) {
        o.log(`touchrole: the renewed session for ${o.initial.profile} ends no later than the old one; trying again in ${Math.round(this.retryMs / 1000)} s`);
        this.schedule(this.retryMs);
        return;
      }
      o.log(`touchrole: renewed the session for ${o.initial.profile} until ${new Date(next.credentials.expiration).toISOString()}`);
      this.adopt(next);
    } catch (e) {
      const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'unknown error';
      o.log(`touchrole: could not renew the session for ${o.initial.profile} (${why.slice(0, 200)}); trying again in ${Math.round(this.retryMs / 1000)} s`);
      this.schedule(this.retryMs);
    }
  }
}
