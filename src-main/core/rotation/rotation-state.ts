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

export interface RotationStateData {
  version: 1;
  keyDates: Record<string, KeyDateRecord>;
  /** Epoch ms of the last reminder notification, per profile (at most one a day). */
  lastNotified: Record<string, number>;
  pending: Record<string, PendingDeletion>;
}

const empty = (): RotationStateData => ({ version: 1, keyDates: {}, lastNotified: {}, pending: {} });

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
      await atomicWriteFile(this.path, `${JSON.stringify(state, null, 2)}\n`);
      return state;
    });
  }
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
  const v = value as Partial<RotationStateData>;
  return {
    version: 1,
    keyDates: isRecord(v.keyDates) ? v.keyDates : {},
    lastNotified: isRecord(v.lastNotified) ? v.lastNotified : {},
    pending: isRecord(v.pending) ? v.pending : {},
  };
}

function isRecord<T>(x: Record<string, T> | undefined): x is Record<string, T> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
