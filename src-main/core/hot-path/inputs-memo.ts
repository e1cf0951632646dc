// SPDX-License-Identifier: MIT
/**
 * A memo of what the hot path derives from files (a profile's fingerprint and region, two
 * settings), kept with the identity of those files: device, inode, size, mtime and ctime in
 * nanoseconds. While no file changed, the hit reads no AWS file, settings.ini or parser: it
 * stats them. A file changed (even to the same size within the same second: ctime moves) is a
 * different signature, and the hot path derives everything again. As git does for racily clean
 * files, a file changed less than RACY_MS before the memo would be written is not memoised: the
 * filesystem's timestamp granularity could hide a second change after it.
 * The memo never serves a session: the cache entry's own fingerprint is still compared.
 */
import { type BigIntStats, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeName } from '../sessions/cache-read';

/** What the hot path derives from the files. */
export interface DerivedInputs {
  fingerprint: string;
  region?: string;
  defaultDurationSeconds: number;
  refreshMinutes: number;
}

export const RACY_MS = 2_000;
const MEMO_VERSION = 1;

export function memoFile(cacheDir: string, profile: string): string {
  return join(cacheDir, `hot-path.${safeName(profile)}.json`);
}

/**
 * The identity of `paths` now, one entry each ('-' for a missing one), or undefined when one
 * cannot be memoised: not a regular file, unreadable, or changed within RACY_MS of `nowMs`.
 */
export function signature(paths: readonly string[], nowMs: number): string[] | undefined {
  const out: string[] = [];
  for (const path of paths) {
    let s: BigIntStats | undefined;
    try {
      s = statSync(path, { bigint: true, throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (s === undefined) {
      out.push('-');
      continue;
    }
    const racyNs = BigInt(nowMs - RACY_MS) * 1_000_000n;
    if (!s.isFile() || s.mtimeNs >= racyNs || s.ctimeNs >= racyNs) return undefined;
    out.push(`${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`);
  }
  return out;
}

interface Memo {
  version: number;
  /** Everything else the derivation read: the scope, the profile, this code's own file. */
  key: string;
  files: string[];
  derived: DerivedInputs;
}

/** The memo's derived inputs when it was made for `key` from files with exactly `files` as their signature now. */
export function readMemo(path: string, key: string, files: readonly string[]): DerivedInputs | undefined {
  let memo: Memo;
  try {
    const s = statSync(path);
    // As a cache entry: only a file of this user's that nobody else may write.
    if ((s.mode & 0o077) !== 0 || (typeof process.getuid === 'function' && s.uid !== process.getuid())) return undefined;
    memo = JSON.parse(readFileSync(path, 'utf8')) as Memo;
  } catch {
    return undefined;
  }
  if (memo.version !== MEMO_VERSION || memo.key !== key || !Array.isArray(memo.files) || memo.files.length !== files.length) return undefined;
  if (!files.every((f, i) => memo.files[i] === f)) return undefined;
  const d = memo.derived;
  const ok = typeof d?.fingerprint === 'string' && typeof d.defaultDurationSeconds === 'number' && typeof d.refreshMinutes === 'number';
  return ok && (d.region === undefined || typeof d.region === 'string') ? d : undefined;
}

/** Writes the memo atomically (0600, temp file then rename); a failure only costs the next call the slow path. */
export function writeMemo(path: string, key: string, files: readonly string[], derived: DerivedInputs): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify({ version: MEMO_VERSION, key, files: [...files], derived } satisfies Memo), { mode: 0o600 });
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
