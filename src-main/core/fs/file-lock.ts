// SPDX-License-Identifier: MIT
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';

export interface FileLockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /**
   * A lock held by another host (a shared home directory), whose owner cannot be asked whether
   * it lives, is taken over once its owner has not refreshed it for this long (default 120 s).
   * A lock of this host is taken over only when its owner process is gone.
   */
  staleMs?: number;
}

/** A lock file that stayed empty or unreadable this long was left by a writer that died creating it. */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Run `fn` while holding an inter-process lock: a lock file created with O_EXCL holding the
 * owner's host, PID, start time and a nonce. Locks left by dead processes are broken, so a crash
 * never wedges touchrole; a live owner's lock never is, however long it holds it (the holder
 * touches the lock's mtime every staleMs/4, which is what another host judges it by). Callers
 * that lock a file key the lock on its resolved path (resolveWriteTarget), so two paths to one
 * file share one lock. Not re-entrant.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
  const token = JSON.stringify({ host: hostname(), pid: process.pid, at: Date.now(), nonce: randomBytes(8).toString('hex') });
  let delay = 10;
  for (;;) {
    if (await tryCreate(lockPath, token)) break;
    const seen = await readLock(lockPath);
    if (seen !== undefined && isStale(seen, staleMs) && (await breakLockIfUnchanged(lockPath, seen.text))) continue;
    if (Date.now() >= deadline) {
      throw new TouchroleError('file-locked', `Another touchrole process holds ${lockPath}`, {
        hint: 'Wait for it to finish; if none is running, delete the lock file.',
      });
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
  const refresh = setInterval(
    () => {
      touchIfContent(lockPath, token).catch(ignoreRefreshFailure);
    },
    Math.max(staleMs / 4, 10),
  );
  refresh.unref();
  try {
    return await fn();
  } finally {
    clearInterval(refresh);
    await unlinkIfContent(lockPath, token);
  }
}

/** Keeps a held lock young for other hosts; a lock no longer ours is left alone. */
/** A refresh that fails only lets the lock age; the next one, or the release, tries again. */
function ignoreRefreshFailure(): void {}

async function touchIfContent(path: string, expected: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const now = new Date();
  if (text === expected) await utimes(path, now, now).catch(() => undefined);
}

async function tryCreate(path: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

interface SeenLock {
  text: string;
  ageMs: number;
}

async function readLock(path: string): Promise<SeenLock | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, ageMs: Date.now() - info.mtimeMs };
  } catch {
    return undefined; // released meanwhile: just retry
  }
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  let owner: { host?: unknown; pid?: unknown };
  try {
    owner = JSON.parse(seen.text) as { host?: unknown; pid?: unknown };
  } catch {
    // Empty or half-written: its owner may be writing it right now, or died while doing so.
    return seen.ageMs > UNREADABLE_STALE_MS;
  }
  // Another host's PIDs mean nothing here: its owner refreshes the mtime while it lives.
  if (typeof owner.host === 'string' && owner.host !== hostname()) return seen.ageMs > staleMs;
  if (typeof owner.pid !== 'number') return seen.ageMs > UNREADABLE_STALE_MS;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes the lock only if it still holds `staleText`. Between judging a lock stale and
 * removing it, its owner may have released it and another process taken it; removing that new
 * lock would let two processes in at once. Breakers therefore serialise on a second lock file,
 * and re-read under it: only a breaker (holding that lock) or the dead owner can remove a lock,
 * so an unchanged text still means the stale lock. Returns true when the caller should retry
 * at once.
 */
export async function breakLockIfUnchanged(lockPath: string, staleText: string): Promise<boolean> {
  const breakPath = `${lockPath}.break`;
  const breakToken = JSON.stringify({ pid: process.pid, nonce: randomBytes(8).toString('hex') });
  if (!(await tryCreate(breakPath, breakToken))) {
    // Breaking takes milliseconds; a break lock this old belongs to a breaker that died.
    const seen = await readLock(breakPath);
    if (seen !== undefined && seen.ageMs > UNREADABLE_STALE_MS) await unlinkIfContent(breakPath, seen.text);
    return false;
  }
  try {
    await unlinkIfContent(lockPath, staleText);
    return true;
  } finally {
    await unlinkIfContent(breakPath, breakToken);
  }
}

async function unlinkIfContent(path: string, expected: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === expected) await unlink(path).catch(() => undefined);
}
