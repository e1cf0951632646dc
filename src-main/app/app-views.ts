// SPDX-License-Identifier: MIT
import { EventEmitter } from 'node:events';
import { isTouchroleError } from '../../src-shared/errors';
import type { YubikeyStatusView } from '../../src-shared/models';
import type { AppBackend, AppBackendEventName, AppBackendEvents } from '../core/agent';
import type { CoreServices, YubikeyReading } from '../core/service';
import { keyActions } from './key-actions';
import { sourceKeyActions } from './source-key-actions';
import { toolActions } from './tool-actions';

/** The app backend's methods that do not go through the agent, the same whether it is embedded or attached. */
export type AppViews = Omit<AppBackend, 'elevate' | 'renew' | 'end' | 'logout' | 'sessions' | 'close'> & {
  emit<E extends AppBackendEventName>(event: E, data: AppBackendEvents[E]): void;
  /** The YubiKey panel for a state already known (an agent's `yubikey` event). */
  statusOf(reading: YubikeyReading): Promise<YubikeyStatusView>;
};

export interface AppViewsOptions {
  service: CoreServices;
  /** The YubiKey state, from the embedded agent's monitor or from the running agent. */
  reading: () => Promise<YubikeyReading>;
  /**
   * Who lists the keys and their MFA credentials for the panel: 'held' where this process holds the
   * YubiKey (the embedded agent); 'shared' beside a running agent, which uses the key for its own
   * flows: listed here as `touchrole yubikey list` lists it beside the agent, but not while the agent
   * waits for a touch, and a listing that fails shows as the reason beside the agent's state.
   */
  keys: 'held' | 'shared';
  /** After `clean`, `whoami` and `decode`: the agent's timeline and the window's session list follow. */
  sessionsChanged: () => Promise<void>;
}

/**
 * Profiles, settings, reminders and the console URL read from the core service as the CLI reads
 * them; key ages, rotation and MFA devices (key-actions.ts); the keychain's keys (source-key-actions.ts);
 * codes, whoami, clean and decode (tool-actions.ts); the YubiKey panel; unlock; and the event hub the
 * backend's own methods emit on.
 */
export function appViews(o: AppViewsOptions): AppViews {
  const { service } = o;
  const events = new EventEmitter();
  const views: AppViews = {
    async roleProfiles() {
      const set = await service.profiles.all();
      return [...set.profiles.values()].flatMap((p) =>
        p.kind === 'role' && p.roleArn !== undefined && p.problem === undefined
          ? [
              {
                name: p.name,
                roleArn: p.roleArn,
                ...(p.mfaSerial ? { mfaSerial: p.mfaSerial } : {}),
                ...(p.durationSeconds ? { durationSeconds: p.durationSeconds } : {}),
              },
            ]
          : [],
      );
    },
    async settings() {
      const s = await service.settings();
      return { warnMinutes: s.warnMinutes, defaultDurationSeconds: s.defaultDurationSeconds, startAtLogin: s.startAtLogin, profileSuffix: s.profileSuffix };
    },
    async saveSettings(next) {
      await service.saveSettings(next);
      return views.settings();
    },
    async rotationReminders() {
      const reminders = await service.rotation.reminders({ markNotified: false });
      return reminders.map(({ profile, kind, ageDays, maxAgeDays }) => ({ profile, kind, ageDays, maxAgeDays }));
    },
    consoleUrl: (profile) => service.sessions.consoleUrl(profile),
    ...keyActions(service, yubikeyFollows),
    ...sourceKeyActions(service),
    ...toolActions(service, o.sessionsChanged),
    yubikeyStatus: async () => statusOf(await o.reading()),
    statusOf,
    async unlock(r) {
      await service.yubikey.unlock(r.password, r.deviceId === undefined ? {} : { device: { deviceId: r.deviceId } });
      return yubikeyFollows();
    },
    on(event, listener) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    emit: (event, data) => void events.emit(event, data),
  };

  /** After the YubiKey changed here (unlocked, a credential added or removed): the window and the tray follow. */
  async function yubikeyFollows(): Promise<YubikeyStatusView> {
    const status = await views.yubikeyStatus();
    views.emit('yubikeyChanged', status);
    return status;
  }

  async function statusOf({ state, problem, keys: listed }: YubikeyReading): Promise<YubikeyStatusView> {
    const none = { keys: [], mfaCredentials: [], ...(problem ? { problem } : {}) };
    // 'unknown' (a reader in trouble, a busy key) shows as no key, with the reason beside it.
    if (state === 'unknown') return { state: 'none', ...none };
    if (state === 'none' || state === 'unavailable' || (o.keys === 'shared' && state === 'touch')) return { state, ...none };
    let keys = listed;
    try {
      keys ??= await service.yubikey.list();
    } catch (e) {
      if (o.keys === 'held' || !isTouchroleError(e)) throw e;
      return { state, ...none, problem: e.toWire() };
    }
    return {
      state,
      keys: keys.map((k) => ({ deviceId: k.deviceId, reader: k.reader, locked: k.locked, ...(k.serial === undefined ? {} : { serial: k.serial }) })),
      mfaCredentials: keys.flatMap((k) =>
        (k.credentials ?? []).flatMap((c) => (c.awsMfaArn ? [{ deviceId: k.deviceId, name: c.id, mfaSerial: c.awsMfaArn, touch: c.touch === true }] : [])),
      ),
    };
  }
  return views;
}
