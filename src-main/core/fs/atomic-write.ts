// SPDX-License-Identifier: MIT
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { resolveWriteTarget } from './write-target';

export interface AtomicWriteOptions {
  /** Mode of a new file (default 0600). An existing file keeps its mode where that is stricter. */
  mode?: number;
  /** Mode for a directory that has to be created (default 0700). */
  dirMode?: number;
}

/**
 * Replaces `path` with `data` so that readers see either the old or the new file, never a
 * mix, even if the process dies or the machine loses power: a temp file in the same
 * directory, fsync, rename over the target, fsync the directory. A symlinked target (dotfile
 * managers) is written through, so the link stays a link, and a dangling link gets its target
 * created. A target that is not a regular file (FIFO, device, socket, directory) is refused
 * ('file-write-failed') and left as it is.
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await resolveWriteTarget(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  const wanted = options.mode ?? 0o600;
  const existing = await stat(target).then(
    (s) => s.mode & 0o777,
    () => undefined,
  );
  // Never loosen: an existing 0400 file stays 0400; a 0644 one becomes 0600.
  const mode = existing === undefined ? wanted : existing & wanted;
  const tmp = join(dir, `${tempPrefix(target)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(mode); // open()'s mode is filtered by the umask
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open directories for fsync.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const tempPrefix = (target: string): string => `.${basename(target)}.`;

/**
 * Deletes temp files a writer of `path` left when it died before its rename (they may hold
 * secrets). Only safe while holding the lock every writer of `path` takes.
 */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const target = await resolveWriteTarget(path).catch(() => undefined);
  if (target === undefined) return; // not a regular file: the write that follows refuses it
  const prefix = tempPrefix(target);
  const names = await readdir(dirname(target)).catch(() => []);
  for (const name of names) {
    if (name.startsWith(prefix) && /\.\d+\.[0-9a-f]{12}\.tmp$/.test(name)) await unlink(join(dirname(target), name)).catch(() => undefined);
  }
}
