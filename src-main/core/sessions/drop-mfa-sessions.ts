// SPDX-License-Identifier: MIT
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEntry } from './cache-read';

/**
 * Removes the cached MFA sessions (GetSessionToken) made with a profile's long-term keys: once
 * those keys are removed or rotated away, a session they made must not keep assuming MFA roles
 * without a touch. Returns the file names removed; a missing cache directory removes nothing.
 */
export async function dropMfaSessionsOf(dir: string, sourceProfile: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => /^mfa-session\..+\.json$/.test(n))) {
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    if (parseEntry(text)?.profile !== sourceProfile) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
