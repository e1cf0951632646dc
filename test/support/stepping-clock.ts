// SPDX-License-Identifier: MIT
import type { Clock } from '../../src-shared/time/clock';

/**
 * Real time plus an offset. AWS takes each MFA code once: a test that shares this clock with the
 * STS emulator moves it past the codes it spent instead of waiting for the next time step.
 */
export class SteppingClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Skips `steps` 30-second TOTP steps. */
  skipSteps(steps: number): void {
    this.offsetMs += steps * 30_000;
  }
}
