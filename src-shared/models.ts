// SPDX-License-Identifier: MIT
/**
 * The view and wire models every front end shares: the agent protocol (agent-protocol/), the IPC
 * contract (ipc-contract.ts), the tray model and the core's backend all speak these types, so a
 * session, a touch prompt or a YubiKey state has one shape from the agent to the window.
 */
import type { WireError } from './errors';

/** An elevated session (its credentials never leave the agent or main). */
export interface SessionView {
  /** The ~/.aws/config profile that was elevated. */
  profile: string;
  /** ISO 8601 expiration of the STS credentials ('' when `expiryUnreadable`). */
  expiration: string;
  roleArn?: string;
  /** The ~/.aws/credentials section the session was written to. */
  writtenProfile?: string;
  /** The section's expiry marker was damaged by a hand edit: shown as such; `touchrole clean` removes it. */
  expiryUnreadable?: true;
}

/** Elevate `profile`; without `durationSeconds`, the profile's or the settings' default. */
export interface ElevateRequest {
  profile: string;
  durationSeconds?: number;
}

/**
 * 'touch': a touch is awaited now. 'unavailable': PC/SC cannot be used (pcscd down, binding not
 * loaded), so whether a key is there is not known. 'unknown': a reader in trouble or a busy key.
 */
export type YubikeyState = 'none' | 'ready' | 'locked' | 'touch' | 'unavailable' | 'unknown';
export const YUBIKEY_STATES: readonly YubikeyState[] = ['none', 'ready', 'locked', 'touch', 'unavailable', 'unknown'];

/** A touch prompt from whatever path needs the YubiKey (menu, window, credential_process). */
export interface TouchEvent {
  state: 'needed' | 'done' | 'timeout' | 'cancelled';
  /** The profile being elevated, when there is one. */
  profile?: string;
}
export const TOUCH_STATES: readonly TouchEvent['state'][] = ['needed', 'done', 'timeout', 'cancelled'];

export interface YubikeyKeyView {
  /** Stable identity from the OATH applet's SELECT response. */
  deviceId: string;
  serial?: number;
  reader: string;
  locked: boolean;
}

/** An OATH credential on a key whose name holds an AWS MFA device ARN. */
export interface MfaCredentialView {
  deviceId: string;
  name: string;
  mfaSerial: string;
  touch: boolean;
}

/** The YubiKey panel: the state ('unknown' shows as 'none', with the reason), keys and MFA credentials. */
export interface YubikeyStatusView {
  state: Exclude<YubikeyState, 'unknown'>;
  /** Why the state is 'unavailable' (or no key shows) and what to do (the core's error). */
  problem?: WireError;
  keys: YubikeyKeyView[];
  mfaCredentials: MfaCredentialView[];
}

export interface UnlockRequest {
  /** Sent once to main, which stores only the derived key; never logged or echoed. */
  password: string;
  /** Which key to unlock; needed only when several are locked. */
  deviceId?: string;
}

/** A ~/.aws/config profile that assumes a role, with the MFA device it needs. */
export interface RoleProfileView {
  name: string;
  roleArn: string;
  mfaSerial?: string;
  /** The profile's own duration_seconds, when set. */
  durationSeconds?: number;
}

/** The settings the window edits (a subset of settings.ini; limits in rules.ts). */
export interface AppSettings {
  /** Minutes before expiry at which to warn, e.g. [10, 2]. */
  warnMinutes: number[];
  defaultDurationSeconds: number;
  startAtLogin: boolean;
  /** Written session profiles are named `<profile><suffix>`. */
  profileSuffix: string;
}

/** An access key to rotate, or a rotation to finish. */
export interface RotationReminder {
  profile: string;
  /** 'rotate': the key is older than allowed; 'finish': a rotation's grace period is over. */
  kind: 'rotate' | 'finish';
  ageDays: number;
  maxAgeDays: number;
}

/** A source profile's long-term access key (the `touchrole keys age` report), and its MFA device. */
export interface KeyAgeView {
  profile: string;
  accessKeyId: string | null;
  ageDays: number | null;
  maxAgeDays: number;
  /** Older than maxAgeDays: time to rotate. */
  due: boolean;
  /** Where the creation date comes from: IAM (now or cached today), the import date, or nowhere. */
  source: 'iam' | 'iam-cached' | 'imported' | 'unknown';
  /** An old key waiting to be deleted once its grace period is over. */
  pendingDeletion: { oldAccessKeyId: string; deleteAfter: string } | null;
  /** Why the date is not from IAM, or the key could not be read. */
  note: string | null;
  /** The profile's MFA device, if it has one. */
  mfaSerial: string | null;
}

/** What a key or MFA device action did, in the words the CLI prints. */
export interface KeyActionResult {
  message: string;
}

/** A profile's long-term key held in the OS keychain (`touchrole keys list`): its ID and when it was stored, never the secret. */
export interface SourceKeyView {
  profile: string;
  accessKeyId: string;
  /** ISO 8601: when touchrole stored the key. */
  storedAt: string;
}

/** `touchrole keys add`: the secret crosses to main once and is never echoed, logged or kept outside the keychain. */
export interface AddSourceKeyRequest {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Overwrite other keys the keychain holds for the profile. */
  replace: boolean;
}

/** One code of an OATH credential for the window, from the key `deviceId` (the one to use when several are plugged in). */
export interface OathCodeRequest {
  /** As `touchrole yubikey code` takes it: the credential id, an MFA device ARN, issuer:name or a unique part. */
  name: string;
  deviceId?: string;
}

/** `touchrole yubikey code --slot`: a TOTP code from an OTP slot over USB HID (for keys whose CCID interface is off). */
export interface OtpSlotCodeRequest {
  slot: 1 | 2;
}

export type YubikeyCodeRequest = OathCodeRequest | OtpSlotCodeRequest;

/** `touchrole yubikey code`: the credential, the code, and when it stops being valid (null for HOTP). */
export interface YubikeyCodeView {
  credential: string;
  code: string;
  /** ISO 8601. */
  validTo: string | null;
}

/** `touchrole whoami`: STS GetCallerIdentity with the profile's session. */
export interface CallerIdentityView {
  profile: string;
  account: string;
  arn: string;
  userId: string;
  /** The words the CLI prints. */
  lines: string[];
}

/** `touchrole clean`: the expired sessions removed, counts of cache entries and temp files, in the CLI's words. */
export interface CleanView {
  removed: string[];
  cacheEntriesRemoved: number;
  tempFilesRemoved: number;
  lines: string[];
}

/** `touchrole decode`: an encoded authorization failure message, decoded with the profile's session. */
export interface DecodeRequest {
  profile: string;
  /** As STS gave it (base64url-ish text), whitespace removed. */
  message: string;
}
