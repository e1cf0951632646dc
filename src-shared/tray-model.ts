// SPDX-License-Identifier: MIT
/**
 * The tray, computed: title, tooltip and menu from the app's state and the time. Pure, so every
 * label is unit-tested; src-main/app/tray.ts only renders the result and dispatches actions.
 * Profile names pass through printable(): a name from ~/.aws/config must not break a label.
 */
import type { WindowView } from './ipc-contract';
import type { RoleProfileView, RotationReminder, SessionView, YubikeyStatusView } from './models';
import { printable } from './printable';
import { formatDuration } from './time/duration';
import { formatTimeLeft } from './time/format';

/** What a menu click asks the app to do. */
export type TrayAction =
  | { kind: 'renew'; profile: string }
  | { kind: 'end'; profile: string }
  | { kind: 'logout' }
  | { kind: 'elevate'; profile: string; durationSeconds: number }
  | { kind: 'open-console'; profile: string }
  | { kind: 'open-window'; view: WindowView }
  | { kind: 'install-cli' }
  | { kind: 'quit' };

export type MenuItemModel =
  { type: 'item'; label: string; enabled: boolean; action?: TrayAction } | { type: 'submenu'; label: string; items: MenuItemModel[] } | { type: 'separator' };

export interface TrayInput {
  sessions: readonly SessionView[];
  yubikey: YubikeyStatusView['state'];
  /** A touch is awaited right now (from any path). */
  touchPending: boolean;
  roleProfiles: readonly RoleProfileView[];
  reminders: readonly RotationReminder[];
  /** Durations offered under Elevate, in seconds. */
  durationChoices: readonly number[];
  defaultDurationSeconds: number;
  /** Milliseconds since the Unix epoch. */
  now: number;
  /** The packaged app on macOS or Windows: offer to put the bundled CLI on PATH. */
  offerCliInstall?: boolean;
}

export interface TrayModel {
  /** Shortest time left ("42m", "3m", "expired"), a touch prompt, or '' with no sessions. */
  title: string;
  tooltip: string;
  menu: MenuItemModel[];
}

export const DEFAULT_DURATION_CHOICES: readonly number[] = [900, 3600, 4 * 3600, 12 * 3600];
export const TOUCH_TITLE = 'Touch YubiKey';

export function buildTrayModel(input: TrayInput): TrayModel {
  const sessions = sortedByExpiry(input.sessions);
  const shortest = sessions[0];
  const title = input.touchPending
    ? TOUCH_TITLE
    : shortest === undefined || shortest.expiryUnreadable === true
      ? ''
      : formatTimeLeft(msLeft(shortest, input.now));
  const tooltip = ['touchrole', ...(input.touchPending ? ['Touch your YubiKey'] : []), ...sessionLines(sessions, input.now)].join('\n');

  const menu: MenuItemModel[] = [];
  if (input.touchPending) menu.push(item('Touch your YubiKey now', false), separator());
  menu.push(...sessions.map((s) => sessionMenu(s, input.now)));
  if (sessions.length === 0) menu.push(item('No active sessions', false));
  // Always offered: the MFA session is invisible here yet can assume every MFA role without a touch.
  menu.push(item('Log out (end all sessions)', true, { kind: 'logout' }));
  menu.push(separator(), elevateMenu(input), yubikeyItem(input.touchPending ? 'touch' : input.yubikey));
  menu.push(...input.reminders.map(reminderItem));
  menu.push(separator(), consoleMenu(sessions, input.now));
  menu.push(item('Open touchrole…', true, { kind: 'open-window', view: 'sessions' }));
  menu.push(item('Settings…', true, { kind: 'open-window', view: 'settings' }));
  if (input.offerCliInstall === true) menu.push(item('Install command-line tool…', true, { kind: 'install-cli' }));
  menu.push(separator(), item('Quit touchrole', true, { kind: 'quit' }));
  return { title, tooltip, menu };
}

function sessionLines(sessions: readonly SessionView[], now: number): string[] {
  if (sessions.length === 0) return ['No active sessions'];
  return sessions.map((s) => `${printable(s.profile)}: ${timeLeftLabel(s, now)}`);
}

function sessionMenu(s: SessionView, now: number): MenuItemModel {
  return {
    type: 'submenu',
    label: `${printable(s.profile)} — ${timeLeftLabel(s, now)}`,
    items: [item('Renew', true, { kind: 'renew', profile: s.profile }), item('End session', true, { kind: 'end', profile: s.profile })],
  };
}

function elevateMenu(input: TrayInput): MenuItemModel {
  if (input.roleProfiles.length === 0) return item('Elevate: no role profiles in ~/.aws/config', false);
  const active = new Set(input.sessions.filter((s) => msLeft(s, input.now) > 0).map((s) => s.profile));
  return {
    type: 'submenu',
    label: 'Elevate',
    items: input.roleProfiles.map((p) => {
      // A profile's own duration_seconds is its default, as the AWS CLI treats it.
      const profileDefault = p.durationSeconds ?? input.defaultDurationSeconds;
      const choices = [...new Set([...input.durationChoices, profileDefault])].sort((a, b) => a - b);
      return {
        type: 'submenu' as const,
        label: active.has(p.name) ? `${printable(p.name)} (active)` : printable(p.name),
        items: choices.map((d) => item(durationLabel(d, profileDefault), true, { kind: 'elevate', profile: p.name, durationSeconds: d })),
      };
    }),
  };
}

function durationLabel(seconds: number, defaultSeconds: number): string {
  return seconds === defaultSeconds ? `${formatDuration(seconds)} (default)` : formatDuration(seconds);
}

const YUBIKEY_LABELS: Record<YubikeyStatusView['state'], string> = {
  none: 'YubiKey: not connected',
  ready: 'YubiKey: ready',
  locked: 'YubiKey: locked — unlock…',
  touch: 'YubiKey: touch now',
  unavailable: 'YubiKey: PC/SC unavailable — see why…',
};

function yubikeyItem(state: YubikeyStatusView['state']): MenuItemModel {
  // Locked: unlock it there; PC/SC unavailable: the window says why and how to fix it.
  return state === 'locked' || state === 'unavailable'
    ? item(YUBIKEY_LABELS[state], true, { kind: 'open-window', view: 'yubikey' })
    : item(YUBIKEY_LABELS[state], false);
}

function reminderItem(r: RotationReminder): MenuItemModel {
  const label =
    r.kind === 'rotate'
      ? `Rotate access key of ${printable(r.profile)} (${r.ageDays} days old)`
      : `Finish key rotation of ${printable(r.profile)} (old key inactive ${r.ageDays} days)`;
  return item(label, true, { kind: 'open-window', view: 'reminders' });
}

function consoleMenu(sessions: readonly SessionView[], now: number): MenuItemModel {
  const live = sessions.filter((s) => msLeft(s, now) > 0);
  if (live.length === 0) return item('Open console (no active session)', false);
  return { type: 'submenu', label: 'Open console', items: live.map((s) => item(printable(s.profile), true, { kind: 'open-console', profile: s.profile })) };
}

function timeLeftLabel(s: SessionView, now: number): string {
  if (s.expiryUnreadable === true) return 'expiry unreadable';
  const label = formatTimeLeft(msLeft(s, now));
  return label === 'expired' ? 'expired' : `${label} left`;
}

export function msLeft(s: SessionView, now: number): number {
  return Date.parse(s.expiration) - now;
}

function sortedByExpiry(sessions: readonly SessionView[]): SessionView[] {
  // An unreadable expiry (NaN) sorts last, so the title shows the shortest readable one.
  const key = (s: SessionView): number => (s.expiryUnreadable === true ? Infinity : Date.parse(s.expiration));
  return [...sessions].sort((a, b) => key(a) - key(b) || a.profile.localeCompare(b.profile));
}

function item(label: string, enabled: boolean, action?: TrayAction): MenuItemModel {
  return action === undefined ? { type: 'item', label, enabled } : { type: 'item', label, enabled, action };
}

function separator(): MenuItemModel {
  return { type: 'separator' };
}
