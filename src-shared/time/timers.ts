// SPDX-License-Identifier: MIT
/** Timer functions, injected (like the Clock) so tests decide when time passes; the real ones are systemTimers in core/agent. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
