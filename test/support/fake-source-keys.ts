// SPDX-License-Identifier: MIT
/** The fake backend's source profiles and their access keys: ages, rotation and MFA devices, as the real flows report them. */
import { TouchroleError } from '../../src-shared/errors';
import { finishedMessage, registeredMessage, rotatedMessage, unregisteredMessage } from '../../src-shared/key-action-messages';
import type { KeyActionResult, KeyAgeView } from '../../src-shared/models';
import type { Clock } from '../../src-shared/time/clock';

export interface FakeKeyHooks {
  clock: Clock;
  /** Records the call and throws a failure injected for it. */
  enter(method: 'keyAges' | 'rotateKey' | 'finishRotation' | 'registerMfaDevice' | 'unregisterMfaDevice', args: unknown[]): void;
  /** One touch of the YubiKey, told to the window without a profile (as the core tells touches that are not an elevation). */
  awaitTouch(): Promise<void>;
  yubikeyChanged(): void;
}

const GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

export function sourceKey(profile: string, ageDays: number, mfaSerial: string | null): KeyAgeView {
  return {
    profile,
    accessKeyId: `AKIA${profile.toUpperCase()}OLD`,
    ageDays,
    maxAgeDays: 90,
    due: ageDays > 90,
    source: 'iam',
    pendingDeletion: null,
    note: null,
    mfaSerial,
  };
}

export class FakeSourceKeys {
  private rotations = 0;

  constructor(
    private readonly hooks: FakeKeyHooks,
    public value: KeyAgeView[] = [sourceKey('work', 120, 'arn:aws:iam::123456789012:mfa/alice'), sourceKey('lab', 10, null)],
  ) {}

  async keyAges(): Promise<KeyAgeView[]> {
    this.hooks.enter('keyAges', []);
    return this.value;
  }

  /** A new key, the old one inactive for the grace period; one touch for the MFA session when the profile has mfa_serial. */
  async rotateKey(profile: string): Promise<KeyActionResult> {
    this.hooks.enter('rotateKey', [profile]);
    const entry = this.entry(profile);
    if (entry.mfaSerial !== null) await this.hooks.awaitTouch();
    const oldAccessKeyId = entry.accessKeyId ?? 'AKIAUNKNOWN';
    const newAccessKeyId = `AKIA${profile.toUpperCase()}NEW${++this.rotations}`;
    const deleteAfter = new Date(this.hooks.clock.now() + GRACE_DAYS * DAY_MS).toISOString();
    this.replace({ ...entry, accessKeyId: newAccessKeyId, ageDays: 0, due: false, pendingDeletion: { oldAccessKeyId, deleteAfter } });
    return { message: rotatedMessage(profile, { oldKey: 'inactive', oldAccessKeyId, newAccessKeyId, storedIn: 'the keychain', deleteAfter }) };
  }

  async finishRotation(profile: string): Promise<KeyActionResult> {
    this.hooks.enter('finishRotation', [profile]);
    const entry = this.entry(profile);
    if (entry.pendingDeletion === null) throw new TouchroleError('rotation-failed', `No rotation of "${profile}" is waiting to be finished`);
    this.replace({ ...entry, pendingDeletion: null });
    return { message: finishedMessage(profile, { deletedAccessKeyId: entry.pendingDeletion.oldAccessKeyId, alreadyGone: false }) };
  }

  /** Two codes, so two touches. */
  async registerMfaDevice(profile: string): Promise<KeyActionResult> {
    this.hooks.enter('registerMfaDevice', [profile]);
    const entry = this.entry(profile);
    if (entry.mfaSerial !== null) throw new TouchroleError('profile-invalid', `Profile "${profile}" already has mfa_serial ${entry.mfaSerial}`);
    await this.hooks.awaitTouch();
    await this.hooks.awaitTouch();
    const serialNumber = `arn:aws:iam::123456789012:mfa/${profile}`;
    this.replace({ ...entry, mfaSerial: serialNumber });
    this.hooks.yubikeyChanged();
    return { message: registeredMessage(profile, { serialNumber, userName: profile }) };
  }

  async unregisterMfaDevice(profile: string): Promise<KeyActionResult> {
    this.hooks.enter('unregisterMfaDevice', [profile]);
    const entry = this.entry(profile);
    if (entry.mfaSerial === null) throw new TouchroleError('profile-invalid', `Profile "${profile}" has no mfa_serial`, { hint: 'Nothing to unregister.' });
    await this.hooks.awaitTouch();
    this.replace({ ...entry, mfaSerial: null });
    this.hooks.yubikeyChanged();
    return { message: unregisteredMessage(profile, { serialNumber: entry.mfaSerial, removedFromKey: true }) };
  }

  private entry(profile: string): KeyAgeView {
    const found = this.value.find((e) => e.profile === profile);
    if (found === undefined) throw new TouchroleError('profile-not-found', `Profile "${profile}" not found`);
    return found;
  }

  private replace(next: KeyAgeView): void {
    this.value = this.value.map((e) => (e.profile === next.profile ? next : e));
  }
}
