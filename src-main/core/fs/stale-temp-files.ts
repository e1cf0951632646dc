// SPDX-License-Identifier: MIT
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A temp file younger than this may belong to a write in progress on a slow disk. */
export const STALE_TEMP_AGE_MS = 5 * 60_000;

/** atomicWriteFile's temp names: `.<target>.<pid>.<12 hex>.tmp` (see atomic-write.ts). */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Deletes touchrole's own temp files in `dir` left by a writer that crashed before its rename:
 * only names of the atomic writer's pattern, older than STALE_TEMP_AGE_MS, whose writer pid is
 * not alive. Returns the names removed.
 */
export async function removeStaleTempFilesIn(dir: string, nowMs: number): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (m === null || pidAlive(Number(m[1]))) continue;
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (s === undefined || !s.isFile() || nowMs - s.mtimeMs < STALE_TEMP_AGE_MS) continue;
    await unlink(join(dir, name)).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}
