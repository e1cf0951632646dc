// SPDX-License-Identifier: MIT
/**
 * The touch sensor. A real key blinks and waits ~15 s for a touch, then answers 0x6982; here
 * the wait is configurable so tests stay fast, and a test can touch by hand or pull the key.
 */

export type TouchBehaviour =
  /** The user touches after `delayMs`. */
  | { kind: 'auto'; delayMs: number }
  /** Nobody touches unless the test calls `touch()`; after `timeoutMs` the key gives up. */
  | { kind: 'manual'; timeoutMs: number }
  /** The user pulls the key out `afterMs` into the wait: the command is never answered. */
  | { kind: 'remove'; afterMs: number };

export type TouchOutcome = 'touched' | 'timeout' | 'removed';

interface PendingTouch {
  settle: (outcome: TouchOutcome) => void;
}

export class TouchSensor {
  private pending: PendingTouch | undefined;
  private requestWaiters: Array<() => void> = [];
  private requests = 0;

  constructor(
    public behaviour: TouchBehaviour,
    private readonly onRemove: () => void,
  ) {}

  /** How many times the key has waited for a touch since it started. */
  get requestCount(): number {
    return this.requests;
  }

  /** Called by the applet when a touch credential is calculated. */
  waitForTouch(): Promise<TouchOutcome> {
    this.requests++;
    const waiters = this.requestWaiters;
    this.requestWaiters = [];
    return new Promise<TouchOutcome>((resolve) => {
      const b = this.behaviour;
      const ms = b.kind === 'auto' ? b.delayMs : b.kind === 'manual' ? b.timeoutMs : b.afterMs;
      const outcome: TouchOutcome = b.kind === 'auto' ? 'touched' : b.kind === 'manual' ? 'timeout' : 'removed';
      const timer = setTimeout(() => {
        settle(outcome);
        if (outcome === 'removed') this.onRemove();
      }, ms);
      const settle = (result: TouchOutcome): void => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(result);
      };
      this.pending = { settle };
      for (const w of waiters) w();
    });
  }

  /** A test's finger on the sensor; false when the key was not waiting for one. */
  touch(): boolean {
    if (this.pending === undefined) return false;
    this.pending.settle('touched');
    return true;
  }

  /** Resolves when the key next starts waiting for a touch (or at once if it is waiting). */
  nextRequest(): Promise<void> {
    if (this.pending !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.requestWaiters.push(resolve));
  }

  /** Power loss or removal: a pending wait ends without a touch and without an answer. */
  cancel(): void {
    this.pending?.settle('removed');
  }
}
