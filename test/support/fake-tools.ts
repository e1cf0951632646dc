// SPDX-License-Identifier: MIT
/** The fake backend's `yubikey code`, `whoami`, `clean` and `decode`, as the real flows report them (src-main/app/tool-actions.ts). */
import { TouchroleError } from '../../src-shared/errors';
import type * as M from '../../src-shared/models';
import { cleanSummaryLines, formatDecodedMessage, whoamiLines } from '../../src-shared/tool-messages';
import { failFor } from './fake-session-views';
import type { FakeYubikey } from './fake-yubikey';

/** What the tools need of the fake backend. */
export interface FakeToolsHost {
  readonly key: FakeYubikey;
  readonly stored: ReadonlyMap<string, M.SessionView>;
  profilesValue: M.RoleProfileView[];
  /** Records the call and throws a failure injected for it. */
  enter(method: 'yubikeyCode' | 'whoami' | 'clean' | 'decodeMessage', args: unknown[]): void;
  awaitTouch(profile?: string): Promise<void>;
  /** Drops expired sessions and tells subscribers (what the agent does at expiry, and `clean` here). */
  removeExpired(): void;
}

export const FAKE_CREDENTIALS_FILE = '/home/alice/.aws/credentials';
const STEP_MS = 30_000;

export class FakeTools {
  /** DecodeAuthorizationMessage's answers by encoded message; any other message is refused as STS refuses it. */
  readonly messages = new Map<string, string>();

  constructor(
    private readonly host: FakeToolsHost,
    private readonly now: () => number,
  ) {}

  /** Slot 2 holds a TOTP secret that asks for a touch (`ykman otp chalresp --totp --touch 2`); slot 1 is empty. Tests change it. */
  readonly otpSlots = new Map<1 | 2, { touch: boolean }>([[2, { touch: true }]]);

  /** A code of an MFA credential on the key, or of an OTP slot: one touch when it asks for one; valid to the end of its 30-second step. */
  async yubikeyCode(request: M.YubikeyCodeRequest): Promise<M.YubikeyCodeView> {
    if ('slot' in request) return this.slotCode(request.slot);
    this.host.enter('yubikeyCode', [request.name, request.deviceId]);
    this.host.key.checkUnlocked();
    const credential = this.host.key
      .status()
      .mfaCredentials.find((c) => (c.name === request.name || c.mfaSerial === request.name) && (request.deviceId ?? c.deviceId) === c.deviceId);
    if (credential === undefined) throw new TouchroleError('oath-no-such-credential', `No credential matches "${request.name}" on the YubiKey`);
    if (credential.touch) await this.host.awaitTouch();
    const step = Math.floor(this.now() / STEP_MS);
    return { credential: credential.name, code: String((step * 7919) % 1_000_000).padStart(6, '0'), validTo: new Date((step + 1) * STEP_MS).toISOString() };
  }

  /** As the core answers `--slot` (its messages for an empty slot); HID needs no unlocked OATH applet. */
  private async slotCode(slot: 1 | 2): Promise<M.YubikeyCodeView> {
    this.host.enter('yubikeyCode', [`slot ${slot}`]);
    const programmed = this.otpSlots.get(slot);
    if (programmed === undefined) {
      throw new TouchroleError('otp-slot-not-programmed', `YubiKey OTP slot ${slot} is empty`, {
        hint: `Program it with: ykman otp chalresp --totp ${slot} <BASE32 SECRET>`,
      });
    }
    if (programmed.touch) await this.host.awaitTouch();
    const step = Math.floor(this.now() / STEP_MS);
    return {
      credential: `OTP slot ${slot}`,
      code: String((step * 7907 + slot) % 1_000_000).padStart(6, '0'),
      validTo: new Date((step + 1) * STEP_MS).toISOString(),
    };
  }

  /** The role session's identity: the held session, or one touch for a new one. */
  async whoami(profile: string): Promise<M.CallerIdentityView> {
    this.host.enter('whoami', [profile]);
    failFor(profile);
    if (!this.host.stored.has(profile)) await this.host.awaitTouch(profile);
    const roleName = (this.host.profilesValue.find((p) => p.name === profile)?.roleArn ?? `role/${profile}`).split('/').pop() ?? profile;
    const id = { account: '123456789012', arn: `arn:aws:sts::123456789012:assumed-role/${roleName}/touchrole-alice`, userId: `AROAFAKE:touchrole-alice` };
    return { profile, ...id, lines: whoamiLines(id) };
  }

  async clean(): Promise<M.CleanView> {
    this.host.enter('clean', []);
    const before = [...this.host.stored.values()];
    this.host.removeExpired();
    const removed = before.filter((s) => !this.host.stored.has(s.profile)).map((s) => s.writtenProfile ?? s.profile);
    const counts = { cacheEntriesRemoved: removed.length, tempFilesRemoved: 0 };
    return { removed, ...counts, lines: cleanSummaryLines({ path: FAKE_CREDENTIALS_FILE, removed, ...counts }) };
  }

  async decodeMessage(request: M.DecodeRequest): Promise<string> {
    this.host.enter('decodeMessage', [request.profile]);
    failFor(request.profile);
    if (!this.host.stored.has(request.profile)) await this.host.awaitTouch(request.profile);
    const decoded = this.messages.get(request.message);
    if (decoded === undefined) {
      throw new TouchroleError('sts-error', 'STS DecodeAuthorizationMessage failed: The encoded authorization message is invalid.', {
        hint: 'Paste the whole message, as the failed call printed it.',
      });
    }
    return formatDecodedMessage(decoded).text;
  }
}
