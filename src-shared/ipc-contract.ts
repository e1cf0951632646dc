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
import type * as Model from './models';
import {
  checkAccessKeyId,
  checkBoundedText,
  checkDurationSeconds,
  checkEncodedMessage,
  checkProfileName,
  checkSecretAccessKey,
  checkSessionSuffix,
  checkWarnMinutes,
} from './rules';

/** The sections of the window a tray entry can open. */
export type WindowView = 'sessions' | 'profiles' | 'yubikey' | 'settings' | 'reminders';
export const WINDOW_VIEWS: readonly WindowView[] = ['sessions', 'profiles', 'yubikey', 'settings', 'reminders'];

/** Each method's request and response. `void` requests take no argument. */
export interface IpcContract {
  sessionsList: { req: void; res: Model.SessionView[] };
  /** The window always picks a duration. */
  elevate: { req: Required<Model.ElevateRequest>; res: Model.SessionView };
  renew: { req: { profile: string }; res: Model.SessionView };
  end: { req: { profile: string }; res: null };
  profilesList: { req: void; res: Model.RoleProfileView[] };
  yubikeyStatus: { req: void; res: Model.YubikeyStatusView };
  unlock: { req: Model.UnlockRequest; res: Model.YubikeyStatusView };
  settingsGet: { req: void; res: Model.AppSettings };
  settingsSet: { req: Model.AppSettings; res: Model.AppSettings };
  rotationReminders: { req: void; res: Model.RotationReminder[] };
  keyAges: { req: void; res: Model.KeyAgeView[] };
  rotateKey: { req: { profile: string }; res: Model.KeyActionResult };
  finishRotation: { req: { profile: string }; res: Model.KeyActionResult };
  registerMfaDevice: { req: { profile: string }; res: Model.KeyActionResult };
  unregisterMfaDevice: { req: { profile: string }; res: Model.KeyActionResult };
  sourceKeys: { req: void; res: Model.SourceKeyView[] };
  /** The one request that carries a long-term secret: never echoed back, logged or put in an error. */
  addSourceKey: { req: Model.AddSourceKeyRequest; res: Model.KeyActionResult };
  importSourceKey: { req: { profile: string; replace: boolean }; res: Model.KeyActionResult };
  removeSourceKey: { req: { profile: string }; res: Model.KeyActionResult };
  yubikeyCode: { req: Model.YubikeyCodeRequest; res: Model.YubikeyCodeView };
  whoami: { req: { profile: string }; res: Model.CallerIdentityView };
  clean: { req: void; res: Model.CleanView };
  /** The decoded message as indented JSON text. */
  decodeMessage: { req: Model.DecodeRequest; res: string };
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
  keyAges: 'touchrole:keys.ages',
  rotateKey: 'touchrole:keys.rotate',
  finishRotation: 'touchrole:keys.finish-rotation',
  registerMfaDevice: 'touchrole:mfa.register',
  unregisterMfaDevice: 'touchrole:mfa.unregister',
  sourceKeys: 'touchrole:keys.list',
  addSourceKey: 'touchrole:keys.add',
  importSourceKey: 'touchrole:keys.import',
  removeSourceKey: 'touchrole:keys.remove',
  yubikeyCode: 'touchrole:yubikey.code',
  whoami: 'touchrole:sessions.whoami',
  clean: 'touchrole:sessions.clean',
  decodeMessage: 'touchrole:sessions.decode-message',
};
export const IPC_METHODS = Object.keys(IPC_CHANNELS) as IpcMethod[];

/** Main -> renderer events. */
export interface IpcEvents {
  sessionsChanged: Model.SessionView[];
  touchPrompt: Model.TouchEvent;
  yubikeyChanged: Model.YubikeyStatusView;
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

type Check = (payload: unknown) => string | undefined;

const VALIDATORS: { readonly [M in IpcMethod]: Check } = {
  sessionsList: noPayload,
  elevate: (p) => fields(p, { profile: checkProfileName, durationSeconds: checkDurationSeconds }),
  renew: (p) => fields(p, { profile: checkProfileName }),
  end: (p) => fields(p, { profile: checkProfileName }),
  profilesList: noPayload,
  yubikeyStatus: noPayload,
  unlock: (p) => fields(p, { password, deviceId: optional(checkBoundedText) }),
  settingsGet: noPayload,
  settingsSet: (p) =>
    fields(p, {
      warnMinutes: checkWarnMinutes,
      defaultDurationSeconds: checkDurationSeconds,
      startAtLogin: boolean,
      profileSuffix: checkSessionSuffix,
    }),
  rotationReminders: noPayload,
  keyAges: noPayload,
  rotateKey: (p) => fields(p, { profile: checkProfileName }),
  finishRotation: (p) => fields(p, { profile: checkProfileName }),
  registerMfaDevice: (p) => fields(p, { profile: checkProfileName }),
  unregisterMfaDevice: (p) => fields(p, { profile: checkProfileName }),
  sourceKeys: noPayload,
  addSourceKey: (p) => fields(p, { profile: checkProfileName, accessKeyId: checkAccessKeyId, secretAccessKey: checkSecretAccessKey, replace: boolean }),
  importSourceKey: (p) => fields(p, { profile: checkProfileName, replace: boolean }),
  removeSourceKey: (p) => fields(p, { profile: checkProfileName }),
  // Either shape, exactly: `{ slot }` alone, or `{ name, deviceId? }` (which rejects a `slot` beside `name`).
  yubikeyCode: (p) =>
    isRecord(p) && 'slot' in p && !('name' in p) ? fields(p, { slot: otpSlot }) : fields(p, { name: checkBoundedText, deviceId: optional(checkBoundedText) }),
  whoami: (p) => fields(p, { profile: checkProfileName }),
  clean: noPayload,
  decodeMessage: (p) => fields(p, { profile: checkProfileName, message: checkEncodedMessage }),
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

function isRecord(p: unknown): p is Record<string, unknown> {
  return typeof p === 'object' && p !== null && !Array.isArray(p);
}

/** Exactly these fields (optional ones may be absent), each passing its check. */
function fields(p: unknown, checks: Record<string, (v: unknown) => string | undefined>): string | undefined {
  if (!isRecord(p)) return 'argument must be an object';
  const extra = Object.keys(p).find((k) => !Object.prototype.hasOwnProperty.call(checks, k));
  if (extra !== undefined) return `unexpected field ${JSON.stringify(extra.slice(0, 64))}`;
  for (const [name, check] of Object.entries(checks)) {
    const problem = check(p[name]);
    if (problem !== undefined) return `${name} ${problem}`;
  }
  return undefined;
}

function optional(check: (v: unknown) => string | undefined): (v: unknown) => string | undefined {
  return (v) => (v === undefined ? undefined : check(v));
}

function password(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 1024 ? undefined : 'must be a non-empty string of at most 1024 characters';
}

function otpSlot(v: unknown): string | undefined {
  return v === 1 || v === 2 ? undefined : 'must be 1 or 2';
}

function boolean(v: unknown): string | undefined {
  return typeof v === 'boolean' ? undefined : 'must be true or false';
}
