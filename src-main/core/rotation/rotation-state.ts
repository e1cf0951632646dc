// SPDX-License-Identifier: MIT
// What rotation remembers between runs: key creation dates read from IAM, reminder times, pending deletions.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';

/** A key's CreateDate as IAM reported it, and when touchrole asked. */
export interface KeyDateRecord {
  accessKeyId: string;
  /** Epoch ms; absent when IAM could not be asked (the attempt still counts for the daily limit). */
  createdAt?: number;
  /** Epoch ms of the ListAccessKeys call: refreshed at most daily. */
  readAt: number;
}

/** An old key waiting for `keys rotate --finish` (deactivated unless the deactivation failed). */
export interface PendingDeletion {
  userName: string;
  oldAccessKeyId: string;
  newAccessKeyId: string;
  oldDeactivated: boolean;
  /** Epoch ms: `--finish` before this needs `--now`. */
  deleteAfter: number;
}

/** Keyed by profile name in Maps: a profile may be named "__proto__" or "constructor". */
export interface RotationStateData {
  version: 1;
  keyDates: Map<string, KeyDateRecord>;
  /** Epoch ms of the last reminder notification, per profile (at most one a day). */
  lastNotified: Map<string, number>;
  pending: Map<string, PendingDeletion>;
}

const empty = (): RotationStateData => ({ version: 1, keyDates: new Map(), lastNotified: new Map(), pending: new Map() });

/** A 0600 JSON file in the state dir; every change is a locked read-modify-atomic-write. */
export class RotationStateFile {
  readonly path: string;
  private readonly lock: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'rotation.json');
    this.lock = join(stateDir, 'locks', 'rotation.lock');
  }

  async read(): Promise<RotationStateData> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw e;
    }
    return parseState(text);
  }

  async update(edit: (state: RotationStateData) => void): Promise<RotationStateData> {
    return withFileLock(this.lock, async () => {
      const state = await this.read();
      edit(state);
      await atomicWriteFile(this.path, `${JSON.stringify(toJson(state), null, 2)}\n`);
      return state;
    });
  }
}

/** Object.fromEntries defines own properties, so a "__proto__" key is written as data. */
function toJson(state: RotationStateData): object {
  return {
    version: 1,
    keyDates: Object.fromEntries(state.keyDates),
    lastNotified: Object.fromEntries(state.lastNotified),
    pending: Object.fromEntries(state.pending),
  };
}

/** A damaged state file is not fatal: dates are re-read from IAM; only reminders and pending records are lost. */
function parseState(text: string): RotationStateData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return empty();
  }
  if (typeof value !== 'object' || value === null) return empty();
  const v = value as { keyDates?: unknown; lastNotified?: unknown; pending?: unknown };
  return {
    version: 1,
    keyDates: entriesOf<KeyDateRecord>(v.keyDates, (r) => typeof r === 'object' && r !== null),
    lastNotified: entriesOf<number>(v.lastNotified, (n) => typeof n === 'number'),
    pending: entriesOf<PendingDeletion>(v.pending, (r) => typeof r === 'object' && r !== null),
  };
}

/** JSON.parse makes "__proto__" an own property: Object.entries sees it like any other name. */
function entriesOf<T>(x: unknown, ok: (v: unknown) => boolean): Map<string, T> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return new Map();
  return new Map(Object.entries(x).filter(([, v]) => ok(v)) as Array<[string, T]>);
}
