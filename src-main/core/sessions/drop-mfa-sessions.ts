// SPDX-License-Identifier: MIT
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheEntryFiles, readEntryFile } from './cache-files';

/**
 * Removes the cached MFA sessions (GetSessionToken) made with a profile's long-term keys: once
 * those keys are removed or rotated away, a session they made must not keep assuming MFA roles
 * without a touch. Returns the file names removed; a missing cache directory removes nothing.
 */
export async function dropMfaSessionsOf(dir: string, sourceProfile: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await cacheEntryFiles(dir, { kind: 'mfa-session' })) {
    if ((await readEntryFile(dir, name))?.profile !== sourceProfile) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
