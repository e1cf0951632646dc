// SPDX-License-Identifier: MIT
import type { IpcEventName, IpcEvents } from '../../../src-shared/ipc-contract';
import type {
  AddSourceKeyRequest,
  AppSettings,
  CallerIdentityView,
  CleanView,
  DecodeRequest,
  ElevateRequest,
  KeyActionResult,
  KeyAgeView,
  RoleProfileView,
  RotationReminder,
  SessionView,
  SourceKeyView,
  TouchEvent,
  UnlockRequest,
  YubikeyState,
  YubikeyCodeRequest,
  YubikeyCodeView,
  YubikeyStatusView,
} from '../../../src-shared/models';
import type { AgentCaller } from '../../../src-shared/agent-protocol';
import type { FingerprintedCredentials } from './credential-cache';

/**
 * The one backend every front end uses, in groups: `SessionBackend` is what the agent socket,
 * the tray and the window all ask for; `AgentBackend` adds what only the agent needs
 * (credential_process, the caller check, expiry, its event feeds); `AppBackend` adds what only
 * the tray and the window need (views, settings, unlock, events for the window).
 *
 * Methods throw TouchroleError for anything a user can act on; its code, message and hint reach
 * the client, the window and notifications as they are. Tests use one in-memory fake
 * (test/support/fake-backend.ts).
 */
export interface SessionBackend {
  /** Touch, STS, write the session to ~/.aws/credentials. */
  elevate(request: ElevateRequest): Promise<SessionView>;
  /** Elevate again with the session's previous settings. */
  renew(profile: string): Promise<SessionView>;
  /** End a session now: remove its managed profile from ~/.aws/credentials. */
  end(profile: string): Promise<void>;
  /** Log out: end every session and drop every cached one (the MFA session too); returns the profiles ended. */
  logout(): Promise<string[]>;
  /** The sessions that exist now (e.g. written by `touchrole elevate` while the agent ran). */
  sessions(): Promise<SessionView[]>;
}

/** What the agent serves over its socket, composed from the core service (core/service/agent-backend.ts). */
export interface AgentBackend extends SessionBackend {
  /** The session expired: remove its managed profile from ~/.aws/credentials. */
  expire(profile: string): Promise<void>;
  /** credential_process JSON for a profile, from the backend's cache or by elevating, with what it was made from. */
  credentialProcess(profile: string): Promise<FingerprintedCredentials>;
  /** The agent's own scope and what `profile` resolves to in it, as a CLI caller would send them. */
  identity(profile: string): Promise<AgentCaller>;
  status(): Promise<{ yubikey: YubikeyState }>;
  /** Touch prompts from any path; returns an unsubscribe function. */
  onTouch(listener: (event: TouchEvent) => void): () => void;
  /** YubiKey state changes (inserted, removed, PC/SC lost or back); returns an unsubscribe function. */
  onYubikey?(listener: (state: YubikeyState) => void): () => void;
  /** Releases what the backend holds (the reader watcher); called when the agent closes. */
  close?(): Promise<void>;
}

/** Backend events: the IPC contract's main -> renderer events except the window-only `showView`. */
export type AppBackendEvents = Omit<IpcEvents, 'showView'>;
export type AppBackendEventName = Exclude<IpcEventName, 'showView'>;

/**
 * What the tray app and its window need: the embedded agent (src-main/app/core-backend.ts) or a
 * running one (attached-backend.ts). Expiry warnings are the app's job (it computes them from
 * `sessions()` with src-shared/session-timeline); the backend removes expired profiles itself and
 * then emits `sessionsChanged`. elevate/renew/end/logout emit `sessionsChanged`, touches `touchPrompt`.
 */
export interface AppBackend extends SessionBackend {
  roleProfiles(): Promise<RoleProfileView[]>;
  yubikeyStatus(): Promise<YubikeyStatusView>;
  /** Derives and stores the OATH key; the password is not kept. */
  unlock(request: UnlockRequest): Promise<YubikeyStatusView>;
  settings(): Promise<AppSettings>;
  saveSettings(settings: AppSettings): Promise<AppSettings>;
  rotationReminders(): Promise<RotationReminder[]>;
  /** An AWS console sign-in URL for the session of `profile` (federation endpoint). */
  consoleUrl(profile: string): Promise<string>;
  /** `touchrole keys age`: each source profile's access key, how old it is, and its MFA device. */
  keyAges(): Promise<KeyAgeView[]>;
  /** `touchrole keys rotate`: a new key created, stored and checked; the old one made inactive (one touch with mfa_serial). */
  rotateKey(profile: string): Promise<KeyActionResult>;
  /** `touchrole keys rotate --finish`: deletes the old key of a rotation whose grace period is over. */
  finishRotation(profile: string): Promise<KeyActionResult>;
  /** `touchrole mfa register`: the YubiKey becomes the IAM user's MFA device (touch twice); emits `yubikeyChanged`. */
  registerMfaDevice(profile: string): Promise<KeyActionResult>;
  /** `touchrole mfa unregister`: the device leaves IAM, the YubiKey and the profile (one touch); emits `yubikeyChanged`. */
  unregisterMfaDevice(profile: string): Promise<KeyActionResult>;
  /** `touchrole keys list`: the long-term keys in the OS keychain (IDs and dates, never a secret). */
  sourceKeys(): Promise<SourceKeyView[]>;
  /** `touchrole keys add`: stores a key pair in the keychain and reads it back; the secret is not kept anywhere else. */
  addSourceKey(request: AddSourceKeyRequest): Promise<KeyActionResult>;
  /** `touchrole keys import`: moves a profile's plaintext keys from the credentials file into the keychain. */
  importSourceKey(request: { profile: string; replace: boolean }): Promise<KeyActionResult>;
  /** `touchrole keys remove`: deletes the keys (and the MFA session made with them) from the keychain; IAM keeps the key. */
  removeSourceKey(profile: string): Promise<KeyActionResult>;
  /** `touchrole yubikey code [--serial|--reader|--slot]`: one code (a touch when the credential or slot asks for one, told as `touchPrompt`). */
  yubikeyCode(request: YubikeyCodeRequest): Promise<YubikeyCodeView>;
  /** `touchrole whoami`: GetCallerIdentity with the profile's session (a cached one, else one touch); emits `sessionsChanged`. */
  whoami(profile: string): Promise<CallerIdentityView>;
  /** `touchrole clean`: expired sessions, cache entries and stale temp files removed; emits `sessionsChanged`. */
  clean(): Promise<CleanView>;
  /** `touchrole decode`: DecodeAuthorizationMessage with the profile's session (as whoami); the decoded JSON, indented. */
  decodeMessage(request: DecodeRequest): Promise<string>;
  /** Subscribes to a backend event; returns the unsubscribe function. */
  on<E extends AppBackendEventName>(event: E, listener: (data: AppBackendEvents[E]) => void): () => void;
  /** Stops the embedded agent (or the connection to a running one) and releases devices. */
  close(): Promise<void>;
}
