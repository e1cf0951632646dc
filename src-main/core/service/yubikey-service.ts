// SPDX-License-Identifier: MIT
import type { CodeResult, KeyListing, KeySelector, OathClient, YubiKeyInfo } from '../oath';
import type { CorePorts } from './core-ports';
import { otpSlotCode } from './mfa-codes';
import { onTouchTelling, touchReports } from './touch-reports';

/** The YubiKey's OATH applet (and OTP slots): list, codes, unlocking a password-protected applet. */
export class YubikeyService {
  constructor(private readonly ports: CorePorts) {}

  /** The shared client (loaded on first use; the agent's monitor watches the same one). */
  client(): Promise<OathClient> {
    return this.ports.oath();
  }

  async list(): Promise<KeyListing[]> {
    return (await this.ports.oath()).listKeys({ nowMs: this.ports.clock.now() });
  }

  /** One code of an OATH credential; the touch prompt goes to the core's prompter. */
  async code(name: string, options: { device?: KeySelector } = {}): Promise<CodeResult> {
    const { prompter, clock } = this.ports;
    return (await this.ports.oath()).readCode(name, {
      nowMs: clock.now(),
      device: options.device ?? {},
      onTouch: onTouchTelling(prompter, 'a code'),
    });
  }

  /** A TOTP code from an OTP slot over USB HID (`ykman otp chalresp --totp`), for keys whose CCID is off; with the end of its step. */
  async slotCode(slot: 1 | 2): Promise<{ code: string; validUntilMs: number }> {
    const { prompter, clock, hid } = this.ports;
    const r = await otpSlotCode(slot, clock, touchReports(prompter, `OTP slot ${slot}`, 'a code'), new AbortController().signal, hid);
    return { code: r.code, validUntilMs: r.validUntilMs };
  }

  /** Unlocks a password-protected applet; only the derived key is kept (in the keychain). */
  async unlock(password: string, options: { device?: KeySelector } = {}): Promise<{ key: YubiKeyInfo; stored: boolean }> {
    return (await this.ports.oath()).unlock(password, options);
  }

  /** Removes the stored key of an applet. */
  async forget(options: { device?: KeySelector } = {}): Promise<{ key: YubiKeyInfo; removed: boolean }> {
    return (await this.ports.oath()).forget(options);
  }
}
