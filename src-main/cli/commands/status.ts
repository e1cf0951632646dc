// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import { formatTimeLeft } from '../../../src-shared/time/format';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['status'],
  args: '',
  summary: 'touchrole sessions in the credentials file, the time they have left, and key-rotation reminders',
  help: [],
  examples: ['touchrole status', 'touchrole status --json'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const now = ctx.clock.now();
    const service = serviceFor(ctx);
    const sessions = (await service.records.written()).map((s) =>
      // A hand edit can damage the expiry touchrole wrote: shown as such, never a crash.
      Number.isNaN(s.expiresAt)
        ? { profile: s.profile, writtenProfile: s.writtenProfile, expiration: null, secondsLeft: null, expired: null, expiryUnreadable: true }
        : {
            profile: s.profile,
            writtenProfile: s.writtenProfile,
            expiration: new Date(s.expiresAt).toISOString(),
            secondsLeft: Math.max(0, Math.floor((s.expiresAt - now) / 1000)),
            expired: s.expiresAt <= now,
          },
    );
    const reminders = (await service.rotation.reminders({ markNotified: false })).map((r) => ({ profile: r.profile, kind: r.kind, message: r.message }));
    const text = [
      ...(sessions.length
        ? sessions.map((s) =>
            s.expiration === null || s.secondsLeft === null
              ? `${printable(s.writtenProfile).padEnd(32)} expiry unreadable (damaged by an edit; \`touchrole clean\` removes it)`
              : `${printable(s.writtenProfile).padEnd(32)} ${formatTimeLeft(s.secondsLeft * 1000).padStart(8)}  until ${s.expiration}`,
          )
        : ['No touchrole sessions. Start one with `touchrole elevate <profile>`.']),
      ...reminders.map((r) => `! ${printable(r.message)}`),
    ].join('\n');
    return { text, json: { sessions, reminders } };
  },
};
