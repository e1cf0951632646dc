// SPDX-License-Identifier: MIT
import type { CoreServices } from '../core/service';
import type { AppBackend } from './backend';

export type ServiceViews = Pick<AppBackend, 'roleProfiles' | 'settings' | 'saveSettings' | 'rotationReminders' | 'consoleUrl'>;

/**
 * The app backend's methods that read the core service directly, as the CLI does: the same
 * whether the app embeds the agent (core-backend.ts) or attaches to one (attached-backend.ts).
 */
export function serviceViews(service: CoreServices): ServiceViews {
  const views: ServiceViews = {
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
      const [reminders, ages] = await Promise.all([service.rotation.reminders({ markNotified: false }), service.rotation.keyAges()]);
      return reminders.map((r) => {
        const age = ages.find((a) => a.profile === r.profile);
        return { profile: r.profile, kind: r.kind, ageDays: age?.ageDays ?? 0, maxAgeDays: age?.maxAgeDays ?? 0 };
      });
    },
    consoleUrl: (profile) => service.sessions.consoleUrl(profile),
  };
  return views;
}
