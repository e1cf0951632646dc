// SPDX-License-Identifier: MIT
import type { AgentEvent } from '../../../src-shared/agent-protocol';
import type { SessionView } from '../../../src-shared/models';
import { TouchroleError } from '../../../src-shared/errors';
import { computeTimeline, DEFAULT_WARNING_THRESHOLDS_MS, SECOND_MS } from '../../../src-shared/session-timeline';
import type { Clock } from '../../../src-shared/time/clock';
import type { Timers } from '../../../src-shared/time/timers';
import type { AgentBackend } from './backend';

export type { Timers } from '../../../src-shared/time/timers';

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SessionKeeperOptions {
  backend: Pick<AgentBackend, 'expire'>;
  clock: Clock;
  timers: Timers;
  emit: (event: AgentEvent) => void;
  thresholdsMs?: readonly number[];
  log?: (line: string) => void;
}

/**
 * The agent's in-memory sessions and their timeline: warns at the thresholds and, at expiry,
 * asks the backend to remove the managed profile, then forgets the session.
 */
export class SessionKeeper {
  private readonly sessions = new Map<string, SessionView>();
  private warned: ReadonlySet<string> = new Set();
  private timer: unknown;
  private ticking: Promise<void> | undefined;
  private rerun = false;
  private countdownShown = false;
  private stopped = false;

  constructor(private readonly options: SessionKeeperOptions) {}

  list(): SessionView[] {
    return [...this.sessions.values()].sort((a, b) => Date.parse(a.expiration) - Date.parse(b.expiration));
  }

  upsert(session: SessionView): void {
    this.sessions.set(session.profile, session);
    this.changed();
  }

  remove(profile: string): void {
    if (this.sessions.delete(profile)) this.changed();
  }

  /** Replaces what the agent knows with what the backend reports. */
  replaceAll(sessions: readonly SessionView[]): void {
    const before = JSON.stringify(this.list());
    this.sessions.clear();
    for (const s of sessions) this.sessions.set(s.profile, s);
    if (JSON.stringify(this.list()) !== before) this.changed();
  }

  /** A window shows a live countdown: tick every second while it does. */
  setCountdownShown(shown: boolean): void {
    this.countdownShown = shown;
    this.tickInBackground();
  }

  /** Runs the timeline now (also after sleep/resume); resolves when expiry work is done. */
  tick(): Promise<void> {
    if (this.ticking) {
      this.rerun = true;
      return this.ticking;
    }
    this.ticking = this.runTicks().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  /** A tick nobody waits for: a failure is logged, never an unhandled rejection. */
  private tickInBackground(): void {
    this.tick().catch((e: unknown) => this.options.log?.(`session timeline: ${e instanceof Error ? e.message : typeof e}`));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private changed(): void {
    this.options.emit({ v: 1, event: 'sessions', data: { sessions: this.list() } });
    this.tickInBackground();
  }

  private async runTicks(): Promise<void> {
    do {
      this.rerun = false;
      await this.tickOnce();
    } while (this.rerun && !this.stopped);
  }

  private async tickOnce(): Promise<void> {
    const now = this.options.clock.now();
    const result = computeTimeline({
      sessions: this.list().map((s) => ({ profile: s.profile, expiresAt: Date.parse(s.expiration) })),
      now,
      thresholdsMs: this.options.thresholdsMs ?? DEFAULT_WARNING_THRESHOLDS_MS,
      warned: this.warned,
      countdownShown: this.countdownShown,
    });
    this.warned = result.warned;
    for (const w of result.warnings) {
      const data = {
        profile: w.profile,
        expiration: new Date(w.expiresAt).toISOString(),
        thresholdSeconds: Math.round(w.thresholdMs / SECOND_MS),
        secondsLeft: Math.ceil(w.msLeft / SECOND_MS),
      };
      this.options.emit({ v: 1, event: 'warning', data });
    }
    for (const e of result.expired) await this.expire(e.profile, e.expiresAt);
    this.schedule(now, result.nextTickAt);
  }

  private async expire(profile: string, expiresAt: number): Promise<void> {
    const current = this.sessions.get(profile);
    // Renewed while we were busy: the new session is not expired.
    if (current === undefined || Date.parse(current.expiration) !== expiresAt) return;
    this.sessions.delete(profile);
    try {
      await this.options.backend.expire(profile);
      this.options.emit({ v: 1, event: 'expired', data: { profile, removed: true } });
    } catch (e) {
      // The section stays until the next write or `touchrole clean`; retrying every second would not help.
      const error = e instanceof TouchroleError ? e.toWire() : { code: 'internal' as const, message: `Could not remove the expired profile ${profile}` };
      this.options.log?.(`expire ${profile}: ${error.message}`);
      this.options.emit({ v: 1, event: 'expired', data: { profile, removed: false, error } });
    }
    this.options.emit({ v: 1, event: 'sessions', data: { sessions: this.list() } });
  }

  private schedule(now: number, at: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = this.options.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.tickInBackground();
      },
      Math.max(0, at - now),
    );
  }
}
