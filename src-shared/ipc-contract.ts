// SPDX-License-Identifier: MIT
/**
 * The one IPC contract between the Electron main process and the window.
 *
 * - `IpcContract` maps each method to its request and response types; `IPC_CHANNELS` holds the
 *   only channel-name literals. The preload exposes one function per method (never a generic
 *   `invoke`), main registers one validated handler per method, and the renderer sees
 *   `window.touchrole: TouchroleApi`, all derived from this map.
 * - `IpcEvents` are the main -> renderer notifications.
 * - Results cross as data: `{ ok: true, value } | { ok: false, error: WireError }`, because the
 *   bridge cannot carry error prototypes.
 * - Every request payload is checked at runtime by `validateIpcRequest` before main acts on it.
 */
import type { WireError } from './errors';

/** An elevated session (its credentials never leave main). */
export interface SessionView {
  /** The ~/.aws/config profile that was elevated. */
  profile: string;
  /** ISO 8601 expiration of the STS credentials ('' when `expiryUnreadable`). */
  expiration: string;
  roleArn?: string;
  /** The ~/.aws/credentials section the session was written to. */
  writtenProfile?: string;
  /** The section's expiry marker was damaged by a hand edit (`touchrole clean` removes it). */
  expiryUnreadable?: true;
}

/** A ~/.aws/config profile that assumes a role, with the MFA device it needs. */
export interface RoleProfileView {
  name: string;
  roleArn: string;
  mfaSerial?: string;
  /** The profile's own duration_seconds, when set. */
  durationSeconds?: number;
}

/** 'unavailable': PC/SC cannot be used (pcscd down or its library missing); `problem` says why and how to fix it. */
export type YubikeyState = 'none' | 'ready' | 'locked' | 'touch-now' | 'unavailable';

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

export interface YubikeyStatusView {
  state: YubikeyState;
  /** Why the state is 'unavailable' and what to do (the core's error). */
  problem?: WireError;
  keys: YubikeyKeyView[];
  mfaCredentials: MfaCredentialView[];
}

export interface ElevateRequest {
  profile: string;
  durationSeconds: number;
}

export interface UnlockRequest {
  /** Sent once to main, which stores only the derived key; never logged or echoed. */
  password: string;
  /** Which key to unlock; needed only when several are locked. */
  deviceId?: string;
}

/** The settings the window edits (a subset of settings.ini). */
export interface AppSettings {
  /** Minutes before expiry at which to warn, e.g. [10, 2]. */
  warnMinutes: number[];
  defaultDurationSeconds: number;
  startAtLogin: boolean;
  /** Written session profiles are named `<profile><suffix>`. */
  profileSuffix: string;
}

export interface RotationReminder {
  profile: string;
  /** 'rotate': the key is older than allowed; 'finish': a rotation's grace period is over. */
  kind: 'rotate' | 'finish';
  ageDays: number;
  maxAgeDays: number;
}

/** The sections of the window a tray entry can open. */
export type WindowView = 'sessions' | 'profiles' | 'yubikey' | 'settings' | 'reminders';
export const WINDOW_VIEWS: readonly WindowView[] = ['sessions', 'profiles', 'yubikey', 'settings', 'reminders'];

export interface TouchPromptView {
  state: 'needed' | 'done' | 'timeout' | 'cancelled';
  profile?: string;
}

/** Each method's request and response. `void` requests take no argument. */
export interface IpcContract {
  sessionsList: { req: void; res: SessionView[] };
  elevate: { req: ElevateRequest; res: SessionView };
  renew: { req: { profile: string }; res: SessionView };
  end: { req: { profile: string }; res: null };
  profilesList: { req: void; res: RoleProfileView[] };
  yubikeyStatus: { req: void; res: YubikeyStatusView };
  unlock: { req: UnlockRequest; res: YubikeyStatusView };
  settingsGet: { req: void; res: AppSettings };
  settingsSet: { req: AppSettings; res: AppSettings };
  rotationReminders: { req: void; res: RotationReminder[] };
}
export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = IpcContract[M]['req'];
export type IpcResponse<M extends IpcMethod> = IpcContract[M]['res'];
export type IpcArgs<M extends IpcMethod> = IpcRequest<M> extends void ? [] : [IpcRequest<M>];
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const IPC_CHANNELS: { readonly [M in IpcMethod]: string } = {
  sessionsList: 'touchrole:sessions.list',
  elevate: 'touchrole:sessions.elevate',
  renew: 'touchrole:sessions.renew',
  end: 'touchrole:sessions.end',
  profilesList: 'touchrole:profiles.list',
  yubikeyStatus: 'touchrole:yubikey.status',
  unlock: 'touchrole:yubikey.unlock',
  settingsGet: 'touchrole:settings.get',
  settingsSet: 'touchrole:settings.set',
  rotationReminders: 'touchrole:rotation.reminders',
};
export const IPC_METHODS = Object.keys(IPC_CHANNELS) as IpcMethod[];

/** Main -> renderer events. */
export interface IpcEvents {
  sessionsChanged: SessionView[];
  touchPrompt: TouchPromptView;
  yubikeyChanged: YubikeyStatusView;
  /** The tray asked to show a section of an already open window. */
  showView: WindowView;
}
export type IpcEventName = keyof IpcEvents;

export const IPC_EVENT_CHANNELS: { readonly [E in IpcEventName]: string } = {
  sessionsChanged: 'touchrole:event.sessions-changed',
  touchPrompt: 'touchrole:event.touch-prompt',
  yubikeyChanged: 'touchrole:event.yubikey-changed',
  showView: 'touchrole:event.show-view',
};
export const IPC_EVENTS = Object.keys(IPC_EVENT_CHANNELS) as IpcEventName[];

/** What the preload puts on `window.touchrole`. */
export type TouchroleApi = { [M in IpcMethod]: (...args: IpcArgs<M>) => Promise<IpcResult<IpcResponse<M>>> } & {
  /** Subscribes to a main -> renderer event; returns the unsubscribe function. */
  on<E extends IpcEventName>(event: E, listener: (data: IpcEvents[E]) => void): () => void;
};

/** Durations any STS call accepts (AssumeRole 900 s up to GetSessionToken's 36 h); exact limits are checked in core. */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 129_600;

type Check = (payload: unknown) => string | undefined;

const VALIDATORS: { readonly [M in IpcMethod]: Check } = {
  sessionsList: noPayload,
  elevate: (p) => fields(p, { profile: profileName, durationSeconds: duration }),
  renew: (p) => fields(p, { profile: profileName }),
  end: (p) => fields(p, { profile: profileName }),
  profilesList: noPayload,
  yubikeyStatus: noPayload,
  unlock: (p) => fields(p, { password, deviceId: optional(boundedText) }),
  settingsGet: noPayload,
  settingsSet: (p) => fields(p, { warnMinutes, defaultDurationSeconds: duration, startAtLogin: boolean, profileSuffix }),
  rotationReminders: noPayload,
};

/** Checks a request payload; never throws. The message names the field, never its value. */
export function validateIpcRequest<M extends IpcMethod>(method: M, payload: unknown): IpcResult<IpcRequest<M>> {
  const problem = VALIDATORS[method](payload);
  if (problem !== undefined) return { ok: false, error: { code: 'ipc-rejected', message: `${method}: ${problem}` } };
  // The validator for `method` has just accepted exactly the shape `method` declares.
  return { ok: true, value: payload as IpcRequest<M> };
}

export function isIpcMethod(name: string): name is IpcMethod {
  return Object.prototype.hasOwnProperty.call(IPC_CHANNELS, name);
}

function noPayload(p: unknown): string | undefined {
  return p === undefined ? undefined : 'takes no argument';
}

/** Exactly these fields (optional ones may be absent), each passing its check. */
function fields(p: unknown, checks: Record<string, (v: unknown) => string | undefined>): string | undefined {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'argument must be an object';
  const record = p as Record<string, unknown>;
  const extra = Object.keys(record).find((k) => !Object.prototype.hasOwnProperty.call(checks, k));
  if (extra !== undefined) return `unexpected field ${JSON.stringify(extra.slice(0, 64))}`;
  for (const [name, check] of Object.entries(checks)) {
    const problem = check(record[name]);
    if (problem !== undefined) return `${name} ${problem}`;
  }
  return undefined;
}

function optional(check: (v: unknown) => string | undefined): (v: unknown) => string | undefined {
  return (v) => (v === undefined ? undefined : check(v));
}

function boundedText(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0 || v.length > 256) return 'must be a non-empty string of at most 256 characters';
  return /[\u0000-\u001f\u007f]/.test(v) ? 'must not contain control characters' : undefined;
}

// Profile names come from ~/.aws/config section headers: one printable line.
const profileName = boundedText;

function password(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 1024 ? undefined : 'must be a non-empty string of at most 1024 characters';
}

function duration(v: unknown): string | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_DURATION_SECONDS && v <= MAX_DURATION_SECONDS
    ? undefined
    : `must be whole seconds from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`;
}

function boolean(v: unknown): string | undefined {
  return typeof v === 'boolean' ? undefined : 'must be true or false';
}

function warnMinutes(v: unknown): string | undefined {
  const ok =
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= 5 &&
    v.every((m) => typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 720) &&
    new Set(v).size === v.length;
  return ok ? undefined : 'must be 1 to 5 different whole minutes from 1 to 720';
}

// Same rule as settings.ini's profile_suffix.
function profileSuffix(v: unknown): string | undefined {
  return typeof v === 'string' && /^[-_.A-Za-z0-9]{1,32}$/.test(v) ? undefined : 'must be 1 to 32 letters, digits, - _ or .';
}
