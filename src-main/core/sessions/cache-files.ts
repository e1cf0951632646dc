// SPDX-License-Identifier: MIT
// The cache folder as a set of entry files: what logout, clean, key removal and the session list walk.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEntry, type CacheKey, type CachedSession } from './cache-read';

const ENTRY_FILE = /^(role-session|mfa-session)\..+\.json$/;

/**
 * The names of the cache's entry files, of one kind when `kind` is given. A missing folder has none;
 * any other failure to list it is thrown only when `failures` is 'throw' (logout must not claim it
 * removed everything it could not even list).
 */
export async function cacheEntryFiles(dir: string, options: { kind?: CacheKey['kind']; failures?: 'throw' | 'none' } = {}): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if (options.failures === 'throw' && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return [];
  }
  return names.filter((n) => ENTRY_FILE.test(n) && (options.kind === undefined || n.startsWith(`${options.kind}.`)));
}

/** An entry file as parsed, or undefined when it cannot be read or is not an entry. */
export async function readEntryFile(dir: string, name: string): Promise<CachedSession | undefined> {
  return parseEntry(await readFile(join(dir, name), 'utf8').catch(() => ''));
}
