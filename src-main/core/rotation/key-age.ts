// SPDX-License-Identifier: MIT
// How old each source profile's access key is: IAM's CreateDate (cached, refreshed at most daily), else the import date.
import type { RotationReminder as RotationReminderView } from '../../../src-shared/models';
import type { Clock } from '../../../src-shared/time/clock';
import { whereOf, type CallWhere, type IamApi } from '../sts';
import type { KeyDateRecord, RotationStateFile } from './rotation-state';

/** One source profile's key, as the report needs it. */
export interface KeyAgeSource extends CallWhere {
  profile: string;
  maxAgeDays: number;
  /** The stored key; importedAt (ISO 8601) when touchrole stored it in the keychain. */
  read(): Promise<{ accessKeyId: string; secretAccessKey: string; importedAt?: string } | undefined>;
}

export interface KeyAgeDeps {
  iam: IamApi;
  clock: Clock;
  state: RotationStateFile;
  sources: readonly KeyAgeSource[];
}

export type KeyDateSource = 'iam' | 'iam-cached' | 'imported' | 'unknown';

export interface KeyAgeEntry {
  profile: string;
  accessKeyId: string | null;
  /** ISO 8601. */
  created: string | null;
  ageDays: number | null;
  maxAgeDays: number;
  /** Older than maxAgeDays: time to rotate. */
  due: boolean;
  source: KeyDateSource;
  /** An old key waiting for `keys rotate --finish`. */
  pendingDeletion: { oldAccessKeyId: string; deleteAfter: string } | null;
  /** Why the date is not from IAM, or the key could not be read. */
  note: string | null;
}

const DAY_MS = 86_400_000;

export async function keysAgeReport(deps: KeyAgeDeps): Promise<KeyAgeEntry[]> {
  const now = deps.clock.now();
  const state = await deps.state.read();
  const fresh = new Map<string, KeyDateRecord>();
  const out: KeyAgeEntry[] = [];
  for (const src of deps.sources) {
    const pending = state.pending.get(src.profile);
    const base = {
      profile: src.profile,
      maxAgeDays: src.maxAgeDays,
      pendingDeletion: pending === undefined ? null : { oldAccessKeyId: pending.oldAccessKeyId, deleteAfter: new Date(pending.deleteAfter).toISOString() },
    };
    let keys: Awaited<ReturnType<KeyAgeSource['read']>>;
    try {
      keys = await src.read();
    } catch (e) {
      out.push({ ...base, accessKeyId: null, created: null, ageDays: null, due: false, source: 'unknown', note: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (keys === undefined) {
      out.push({ ...base, accessKeyId: null, created: null, ageDays: null, due: false, source: 'unknown', note: 'no access key stored' });
      continue;
    }
    let created: number | undefined;
    let source: KeyDateSource = 'unknown';
    let note: string | null = null;
    const cached = state.keyDates.get(src.profile);
    if (cached !== undefined && cached.accessKeyId === keys.accessKeyId && now - cached.readAt < DAY_MS) {
      created = cached.createdAt;
      source = 'iam-cached';
    } else {
      try {
        const listed = await deps.iam.listAccessKeys({ credentials: keys, ...whereOf(src) });
        created = listed.find((k) => k.accessKeyId === keys.accessKeyId)?.createDate;
        source = 'iam';
      } catch (e) {
        note = `IAM could not be asked: ${e instanceof Error ? e.message : String(e)}`;
      }
      // Remember the attempt either way, so a failing IAM is asked again tomorrow, not on every status.
      fresh.set(src.profile, { accessKeyId: keys.accessKeyId, readAt: now, ...(created === undefined ? {} : { createdAt: created }) });
    }
    if (created === undefined) {
      const imported = keys.importedAt === undefined ? NaN : Date.parse(keys.importedAt);
      if (Number.isFinite(imported)) {
        created = imported;
        source = 'imported';
      } else source = 'unknown';
    }
    const ageDays = created === undefined ? null : Math.floor((now - created) / DAY_MS);
    out.push({
      ...base,
      accessKeyId: keys.accessKeyId,
      created: created === undefined ? null : new Date(created).toISOString(),
      ageDays,
      due: ageDays !== null && ageDays > src.maxAgeDays,
      source,
      note,
    });
  }
  if (fresh.size > 0) {
    await deps.state.update((s) => {
      for (const [profile, rec] of fresh) s.keyDates.set(profile, rec);
    });
  }
  return out;
}

/** The shared reminder (what the window shows), with the line to print and whether to notify now. */
export interface RotationReminder extends RotationReminderView {
  /** One line for the status output, the tray menu or a notification. */
  message: string;
  /** No notification for this profile in the last 24 hours: the tray may show one now. */
  notify: boolean;
}

/**
 * Reminders for `touchrole status` and the tray: keys past their age, and finished grace
 * periods. With markNotified, the reminders with notify=true are recorded as notified now
 * (the tray passes it when it shows the notification; status does not).
 */
export async function rotationReminders(deps: KeyAgeDeps, options: { markNotified: boolean }): Promise<RotationReminder[]> {
  const now = deps.clock.now();
  const report = await keysAgeReport(deps);
  const { lastNotified } = await deps.state.read();
  const out: RotationReminder[] = [];
  for (const e of report) {
    const notify = now - (lastNotified.get(e.profile) ?? -Infinity) >= DAY_MS;
    if (e.pendingDeletion !== null && Date.parse(e.pendingDeletion.deleteAfter) <= now) {
      out.push({
        profile: e.profile,
        kind: 'finish',
        ageDays: e.ageDays ?? 0,
        maxAgeDays: e.maxAgeDays,
        notify,
        message: `${e.profile}: delete the old key ${e.pendingDeletion.oldAccessKeyId} (touchrole keys rotate ${e.profile} --finish)`,
      });
    } else if (e.due && e.pendingDeletion === null) {
      out.push({
        profile: e.profile,
        kind: 'rotate',
        ageDays: e.ageDays ?? 0,
        maxAgeDays: e.maxAgeDays,
        notify,
        message: `${e.profile}: access key is ${e.ageDays ?? '?'} days old (touchrole keys rotate ${e.profile})`,
      });
    }
  }
  const toMark = out.filter((r) => r.notify).map((r) => r.profile);
  if (options.markNotified && toMark.length > 0) {
    await deps.state.update((s) => {
      for (const p of toMark) s.lastNotified.set(p, now);
    });
  }
  return out;
}
