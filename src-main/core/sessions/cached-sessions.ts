// SPDX-License-Identifier: MIT
import { cacheEntryFiles, readEntryFile } from './cache-files';
import { cacheFileName, readCacheEntry } from './cache-read';

export interface CachedRoleSession {
  profile: string;
  roleArn?: string;
  /** Milliseconds since the Unix epoch. */
  expiresAt: number;
}

/**
 * The live role sessions in the cache: those served to credential_process, exec and export,
 * which have no credentials-file section. Listed so the tray shows every session, whatever
 * channel it went to.
 */
export async function listCachedRoleSessions(dir: string, nowMs: number): Promise<CachedRoleSession[]> {
  const names = await cacheEntryFiles(dir, { kind: 'role-session' });
  const found = await Promise.all(names.map((n) => liveEntry(dir, n, nowMs)));
  return found.filter((s): s is CachedRoleSession => s !== undefined).sort((a, b) => a.expiresAt - b.expiresAt);
}

async function liveEntry(dir: string, fileName: string, nowMs: number): Promise<CachedRoleSession | undefined> {
  const profile = (await readEntryFile(dir, fileName))?.profile;
  // The entry must be the one its profile maps to; then it is read as the cache-hit path reads it (0600, ours), if not expired.
  if (profile === undefined || cacheFileName({ kind: 'role-session', profile }) !== fileName) return undefined;
  const s = await readCacheEntry(dir, { kind: 'role-session', profile });
  if (s === undefined || s.expiration <= nowMs) return undefined;
  return { profile: s.profile, ...(s.roleArn === undefined ? {} : { roleArn: s.roleArn }), expiresAt: s.expiration };
}
