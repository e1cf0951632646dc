// SPDX-License-Identifier: MIT
import type { ManualClock } from '../../../../src-shared/time/clock';
import type { Timers } from '../../../../src-main/core/agent/session-keeper';

/** Timers that fire only when the test moves the ManualClock through them. */
export class ManualTimers implements Timers {
  private nextId = 1;
  private readonly timers = new Map<number, { fn: () => void; due: number }>();

  constructor(private readonly clock: ManualClock) {}

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { fn, due: this.clock.now() + ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Due times of pending timers, relative to now. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.due - this.clock.now()).sort((a, b) => a - b);
  }

  /** Moves the clock forward, firing each timer at its due time and letting its work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (;;) {
      const next = [...this.timers.entries()].filter(([, t]) => t.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
      if (next === undefined) break;
      const [id, timer] = next;
      this.timers.delete(id);
      this.clock.set(Math.max(this.clock.now(), timer.due));
      timer.fn();
      await settle();
    }
    this.clock.set(target);
  }
}

/** Lets pending promise chains and I/O callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
