// SPDX-License-Identifier: MIT
import type { Clock } from '../../src-shared/time/clock';
import type { Timers } from '../core/agent';

/**
 * One timer for the tray title and the notifications. Each tick returns when the next is due:
 * once a minute while idle (issue #12: no session in its last minute, no window showing), at the
 * moment a warning threshold is crossed, and every second only in a session's last minute or
 * while the window shows a live countdown. `runNow` is for state changes and for resume from
 * sleep, when timers fired late or not at all and everything is recomputed from the wall clock.
 */
export class Ticker {
  private handle: unknown;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly tick: (now: number) => number,
  ) {}

  start(): void {
    this.running = true;
    this.runNow();
  }

  runNow(): void {
    if (!this.running) return;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    const now = this.clock.now();
    const next = this.tick(now);
    this.handle = this.timers.setTimeout(
      () => {
        this.handle = undefined;
        this.runNow();
      },
      Math.max(1, next - now),
    );
  }

  stop(): void {
    this.running = false;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
