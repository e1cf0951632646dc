// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { checkDurationSeconds, checkSessionSuffix, checkWarnMinutes, DEFAULTS } from '../../../src-shared/rules';
import { parseDuration } from '../../../src-shared/time/duration';

/** touchrole's own preferences (settings.ini). AWS files are never read or written with this. */
export interface Settings {
  /** Minutes before expiry at which to warn, descending. */
  warnMinutes: number[];
  /** Duration asked for when none is given, in seconds. */
  defaultDurationSeconds: number;
  /** credential_process reuses a cached session while more than this many minutes remain. */
  refreshMinutes: number;
  /** Written session profiles are named `<profile><suffix>`. */
  profileSuffix: string;
  /** Rotation reminder threshold for access keys, in days. */
  keyMaxAgeDays: number;
  /** How long an old key stays inactive after rotation before `keys rotate --finish` deletes it. */
  rotationGraceDays: number;
  startAtLogin: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ ...DEFAULTS, warnMinutes: [...DEFAULTS.warnMinutes] });

type Section = Record<string, unknown>;

/** Builds Settings from a parsed settings.ini (sections of strings), defaults for what is missing. */
export function settingsFromIni(parsed: Record<string, unknown>): Settings {
  const section = (name: string): Section => {
    const s = parsed[name];
    return typeof s === 'object' && s !== null ? (s as Section) : {};
  };
  const sessions = section('sessions');
  const notifications = section('notifications');
  const rotation = section('rotation');
  const app = section('app');
  return {
    warnMinutes: read(notifications, 'warn_minutes', DEFAULT_SETTINGS.warnMinutes, parseMinutesList),
    defaultDurationSeconds: read(sessions, 'default_duration', DEFAULT_SETTINGS.defaultDurationSeconds, parseDefaultDuration),
    refreshMinutes: read(sessions, 'refresh_minutes', DEFAULT_SETTINGS.refreshMinutes, (v) => positiveInt(v, 'refresh_minutes')),
    profileSuffix: read(sessions, 'profile_suffix', DEFAULT_SETTINGS.profileSuffix, parseSuffix),
    keyMaxAgeDays: read(rotation, 'max_age_days', DEFAULT_SETTINGS.keyMaxAgeDays, (v) => positiveInt(v, 'max_age_days')),
    rotationGraceDays: read(rotation, 'grace_days', DEFAULT_SETTINGS.rotationGraceDays, (v) => positiveInt(v, 'grace_days')),
    startAtLogin: read(app, 'start_at_login', DEFAULT_SETTINGS.startAtLogin, parseBool),
  };
}

/** The sections settings.ini is written with. */
export function settingsToIni(s: Settings): Record<string, Record<string, string>> {
  return {
    sessions: {
      default_duration: String(s.defaultDurationSeconds),
      refresh_minutes: String(s.refreshMinutes),
      profile_suffix: s.profileSuffix,
    },
    notifications: { warn_minutes: s.warnMinutes.join(',') },
    rotation: { max_age_days: String(s.keyMaxAgeDays), grace_days: String(s.rotationGraceDays) },
    app: { start_at_login: String(s.startAtLogin) },
  };
}

function read<T>(section: Section, key: string, fallback: T, parse: (v: string) => T): T {
  const v = section[key];
  if (v === undefined) return fallback;
  // npm ini turns true/false into booleans and `key[]` into lists; settings are typed here instead.
  return parse(typeof v === 'string' ? v : JSON.stringify(v));
}

function invalid(key: string, value: string, expected: string): TouchroleError {
  return new TouchroleError('usage', `settings.ini: ${key} = ${value} is not valid`, { hint: `expected ${expected}` });
}

/** A rule of src-shared/rules.ts was broken; `problem` says which. */
function refused(key: string, value: string, problem: string): TouchroleError {
  return new TouchroleError('usage', `settings.ini: ${key} = ${value} is not valid`, { hint: `${key} ${problem}` });
}

function positiveInt(v: string, key: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) <= 0) throw invalid(key, v, 'a positive whole number');
  return Number(v);
}

// The same rules as the window's (src-shared/rules.ts): a value one accepts, the other does too.
function parseMinutesList(v: string): number[] {
  const list = v.split(',').map((x) => positiveInt(x, 'warn_minutes'));
  const problem = checkWarnMinutes(list);
  if (problem !== undefined) throw refused('warn_minutes', v, problem);
  return list.sort((a, b) => b - a);
}

function parseDefaultDuration(v: string): number {
  const seconds = parseDuration(v);
  const problem = checkDurationSeconds(seconds);
  if (problem !== undefined) throw refused('default_duration', v, problem);
  return seconds;
}

function parseBool(v: string): boolean {
  if (v === 'true' || v === 'false') return v === 'true';
  throw invalid('start_at_login', v, 'true or false');
}

function parseSuffix(v: string): string {
  const problem = checkSessionSuffix(v);
  if (problem !== undefined) throw refused('profile_suffix', v, problem);
  return v;
}
