// SPDX-License-Identifier: MIT
import { open, readFile, rm, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';

export interface FileLockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock whose owner process is gone, or older than this, is taken over (default 120 s). */
  staleMs?: number;
}

/**
 * Run `fn` while holding an inter-process lock: a lock file created with O_EXCL holding the
 * owner's PID and start time. Locks left by dead processes (or stale ones) are broken, so a
 * crash never wedges touchrole. Not re-entrant.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  let delay = 10;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(JSON.stringify({ pid: process.pid, at: Date.now() }));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (await isStale(lockPath, staleMs)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new TouchroleError('file-locked', `Another touchrole process holds ${lockPath}`, {
          hint: 'Wait for it to finish; if none is running, delete the lock file.',
        });
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 200);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  let owner: { pid?: unknown; at?: unknown };
  try {
    owner = JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown; at?: unknown };
  } catch {
    // Unreadable or half-written: the owner may be writing it right now; stale only when old.
    return false;
  }
  if (typeof owner.at === 'number' && Date.now() - owner.at > staleMs) return true;
  if (typeof owner.pid !== 'number') return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
