// SPDX-License-Identifier: MIT
/** The fake backend's YubiKey: locked or not, a touch that comes at once or when the test says. */
import { TouchroleError } from '../../src-shared/errors';
import type { TouchEvent, YubikeyStatusView } from '../../src-shared/models';

export const FAKE_PASSWORD = 'correct horse';

export class FakeYubikey {
  /** Every touch waits for this first (the agent tests hold an elevation open with it). */
  gate: Promise<void> = Promise.resolve();
  private pending: { resolve: () => void; reject: (e: TouchroleError) => void } | undefined;

  constructor(
    public locked: boolean,
    /** 'auto': the touch arrives at once; 'manual': it waits for touch() or timeoutTouch(). */
    public touchMode: 'auto' | 'manual',
  ) {}

  /** The user touches the key. */
  touch(): void {
    this.pending?.resolve();
  }

  /** The key gives up waiting. */
  timeoutTouch(): void {
    this.pending?.reject(new TouchroleError('touch-timeout', 'the YubiKey was not touched in time', { hint: 'Touch the key when it blinks, then try again.' }));
  }

  get touchPending(): boolean {
    return this.pending !== undefined;
  }

  /** Fails as the real key does when the applet is locked. */
  checkUnlocked(): void {
    if (this.locked) throw new TouchroleError('oath-locked', 'the YubiKey OATH applet is password protected', { hint: 'Unlock it in the YubiKey panel.' });
  }

  unlock(password: string): void {
    if (password !== FAKE_PASSWORD) {
      throw new TouchroleError('oath-wrong-password', 'wrong password for the YubiKey OATH applet', {
        hint: 'Try again; ykman oath access change can reset it.',
      });
    }
    this.locked = false;
  }

  state(): YubikeyStatusView['state'] {
    return this.pending !== undefined ? 'touch' : this.locked ? 'locked' : 'ready';
  }

  status(): YubikeyStatusView {
    return {
      state: this.state(),
      keys: [{ deviceId: 'c4f1e2a9', serial: 12345678, reader: 'Virtual PCD 00 00', locked: this.locked }],
      mfaCredentials: this.locked
        ? []
        : [{ deviceId: 'c4f1e2a9', name: 'AWS:arn:aws:iam::123456789012:mfa/alice', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', touch: true }],
    };
  }

  /** Waits for the touch, telling `prompt` each step (needed, then done or timeout). */
  async awaitTouch(prompt: (state: TouchEvent['state']) => void): Promise<void> {
    prompt('needed');
    await this.gate;
    if (this.touchMode === 'auto') return prompt('done');
    try {
      await new Promise<void>((resolve, reject) => (this.pending = { resolve, reject }));
      prompt('done');
    } catch (e) {
      prompt('timeout');
      throw e;
    } finally {
      this.pending = undefined;
    }
  }
}
