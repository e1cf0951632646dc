// SPDX-License-Identifier: MIT
import type { TouchroleError } from '../../../src-shared/errors';
import type { Keychain } from './keychain-port';
import { keychainLocked, keychainUnavailable, mapKeychainError } from './keychain-errors';
import { secretServiceLocked } from './secret-service-lock';
import { sessionBusConceivable } from './session-bus';
// Erased at build: keytar loads on first use.
import type * as Keytar from 'keytar';

/** The part of keytar touchrole uses. This file is the only importer of keytar. */
type KeytarApi = Pick<typeof Keytar, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

export interface OsKeychainOptions {
  /** Keychain service name (default "touchrole"; tests use their own). */
  service?: string;
  platform?: NodeJS.Platform;
  /** Linux: whether the default collection is locked (undefined: cannot tell). Default: ask over D-Bus. */
  isLocked?: () => Promise<boolean | undefined>;
  /** Loads keytar; injectable so error mapping can be tested without a keychain. */
  loadKeytar?: () => Promise<KeytarApi>;
  /** Linux: whether a session bus could exist (default: the environment says where one is). */
  sessionBus?: () => boolean;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'touchrole';

async function importKeytar(): Promise<KeytarApi> {
  // Dynamic import: commands that never touch the keychain never load the native binding.
  const mod: KeytarApi & { default?: KeytarApi } = await import('keytar');
  return mod.default ?? mod;
}

/** The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) via keytar. */
export function createOsKeychain(options: OsKeychainOptions = {}): Keychain {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  const isLocked = options.isLocked ?? (() => secretServiceLocked());
  const load = options.loadKeytar ?? importKeytar;
  let keytar: Promise<KeytarApi> | undefined;

  const hasBus = options.sessionBus ?? (() => sessionBusConceivable());
  const noBus = (): TouchroleError | undefined =>
    platform === 'linux' && !hasBus()
      ? keychainUnavailable('no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS and DISPLAY are unset and there is no $XDG_RUNTIME_DIR/bus', platform)
      : undefined;
  const api = (): Promise<KeytarApi> => {
    const unreachable = noBus();
    if (unreachable) return Promise.reject(unreachable);
    keytar ??= load().catch((e: unknown) => {
      keytar = undefined;
      const why = e instanceof Error ? `: ${(e.message.split('\n')[0] ?? '').slice(0, 160)}` : '';
      throw keychainUnavailable(`the keytar native module could not be loaded${why}`, platform, e);
    });
    return keytar;
  };
  const call = async <T>(fn: (k: KeytarApi) => Promise<T>): Promise<T> => {
    const k = await api();
    try {
      return await fn(k);
    } catch (e) {
      throw mapKeychainError(e, platform);
    }
  };
  const lockedOnLinux = async (): Promise<boolean> => platform === 'linux' && (await isLocked()) === true;

  return {
    async get(account) {
      const secret = await call((k) => k.getPassword(service, account));
      if (secret !== null) return secret;
      // A locked Secret Service collection answers "not found": tell the two apart.
      if (await lockedOnLinux()) throw keychainLocked(platform);
      return undefined;
    },
    async set(account, secret) {
      await call((k) => k.setPassword(service, account, secret));
    },
    async delete(account) {
      const deleted = await call((k) => k.deletePassword(service, account));
      if (!deleted && (await lockedOnLinux())) throw keychainLocked(platform);
      return deleted;
    },
    async list(prefix) {
      // Checked first: findCredentials on a locked collection crashes the process on Linux. The
      // check (a dbus-send child) and loading keytar run side by side: every elevation lists.
      const unreachable = noBus();
      if (unreachable) throw unreachable;
      const [locked] = await Promise.all([lockedOnLinux(), api().catch(() => undefined)]);
      if (locked) throw keychainLocked(platform);
      const found = await call((k) => k.findCredentials(service));
      return found
        .map((c) => c.account)
        .filter((a) => a.startsWith(prefix))
        .sort();
    },
  };
}
