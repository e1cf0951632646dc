// SPDX-License-Identifier: MIT
// Cached sessions as 0600 JSON files in a 0700 directory (why not the keychain: docs/sessions.md).
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../../src-shared/time/clock';
import { atomicWriteFile } from '../fs/atomic-write';
import { cacheEntryFiles, readEntryFile } from './cache-files';
import { cacheFileName, DEFAULT_REFRESH_WINDOW_MS, readCachedSession, serializeEntry, type CacheKey, type CachedSession } from './cache-read';

export interface SessionCacheOptions {
  /** touchrolePaths(env).cache: XDG_CACHE_HOME/touchrole, ~/.cache/touchrole, ~/Library/Caches/touchrole. */
  dir: string;
  clock: Clock;
  /** Reuse a session while more than this remains (default 5 minutes; settings refresh_minutes). */
  refreshWindowMs?: number;
}

export class SessionCache {
  readonly dir: string;
  private readonly clock: Clock;
  private readonly windowMs: number;

  constructor(options: SessionCacheOptions) {
    this.dir = options.dir;
    this.clock = options.clock;
    this.windowMs = options.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS;
  }

  /** A session made from what `fingerprint` names, with more than the refresh window left, or undefined. */
  get(key: CacheKey, fingerprint: string): Promise<CachedSession | undefined> {
    return readCachedSession(this.dir, key, fingerprint, this.clock.now(), this.windowMs);
  }

  async put(key: CacheKey, session: CachedSession): Promise<void> {
    await this.ensureDir();
    await atomicWriteFile(join(this.dir, cacheFileName(key)), serializeEntry(session), { mode: 0o600, dirMode: 0o700 });
  }

  async delete(key: CacheKey): Promise<void> {
    await rm(join(this.dir, cacheFileName(key)), { force: true });
  }

  /** Removes every entry, role and MFA sessions alike (touchrole logout); returns the file names removed. */
  async clear(): Promise<string[]> {
    // Only a missing folder means "nothing cached": any other failure must reach the user, who is logging out.
    const names = await cacheEntryFiles(this.dir, { failures: 'throw' });
    for (const name of names) await rm(join(this.dir, name), { force: true });
    return names;
  }

  /** Removes expired (or unreadable) entries; returns the file names removed. */
  async removeExpired(): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await cacheEntryFiles(this.dir)) {
      const entry = await readEntryFile(this.dir, name);
      if (entry === undefined || entry.expiration <= this.clock.now()) {
        await rm(join(this.dir, name), { force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask and ignored for an existing directory.
    await chmod(this.dir, 0o700);
  }
}
