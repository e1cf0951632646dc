// SPDX-License-Identifier: MIT
import type { Timers } from '../../src-main/core/agent';
import type { ManualClock } from '../../src-shared/time/clock';
import { settle } from './settle';

/**
 * Timers driven by a ManualClock: `advance` moves time and fires what became due, in order,
 * letting each timer's async work settle before the next one fires (as real timers would).
 */
export class ManualTimers implements Timers {
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  /** The clock time of every timer fired, in order (tests of how often an idle app wakes). */
  readonly firedAt: number[] = [];

  constructor(readonly clock: ManualClock) {}

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.clock.now() + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.pending.delete(handle);
  }

  /** Moves the clock forward step by step, firing each timer at its due time and settling its work. */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.clock.set(Math.max(this.clock.now(), due[1].at));
      this.firedAt.push(this.clock.now());
      due[1].fn();
      await settle();
    }
    this.clock.set(end);
  }

  /** The machine sleeps: the clock jumps and no timer fires (they fire late, after resume). */
  sleep(ms: number): void {
    this.clock.advance(ms);
  }

  /** Delays of the timers waiting now, from the current time. */
  pendingDelays(): number[] {
    return [...this.pending.values()].map((t) => t.at - this.clock.now()).sort((a, b) => a - b);
  }
}
