// SPDX-License-Identifier: MIT
/**
 * The cache-first answer of `touchrole credential-process` and `touchrole exec`: the cached role
 * session for a profile when it was made from what the profile resolves to now and has time
 * left, else undefined (the full CLI then asks the agent or elevates). Synchronous node:fs and
 * src-shared only: no SDK, PC/SC, keychain or agent client loads on this path, and the AWS files
 * are parsed only when they changed since the last call (inputs-memo.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scopeInputs } from '../../../src-shared/session-fingerprint';
import { touchrolePaths } from '../paths';
import { cacheFileName, parseEntry, type CachedSession } from '../sessions/cache-read';
import { resolutionScope } from '../sessions/resolution-scope';
import { memoFile, readMemo, signature, writeMemo, type DerivedInputs } from './inputs-memo';

export interface CachedRoleSession {
  session: CachedSession;
  /** The region exec gives the child: the profile's, else its source profile's (as sessions/plan.ts). */
  region?: string;
}

/** settings/load-settings.ts settingsPath(): not imported, as that module loads the ini parser. */
export const SETTINGS_FILE = 'settings.ini';

/**
 * The session cached for `profile` with more than `minRemainingMs` (and settings'
 * refresh_minutes) left at `nowMs`; undefined on any miss.
 */
export async function cachedRoleSession(env: NodeJS.ProcessEnv, profile: string, nowMs: number, minRemainingMs = 0): Promise<CachedRoleSession | undefined> {
  const paths = touchrolePaths(env);
  const derived = await derivedInputs(env, profile, paths, nowMs);
  if (derived === undefined) return undefined;
  const session = readEntry(paths.cache, profile);
  if (session === undefined || session.fingerprint !== derived.fingerprint) return undefined;
  if (!(session.expiration - nowMs > Math.max(derived.refreshMinutes * 60_000, minRemainingMs))) return undefined;
  return { session, ...(derived.region === undefined ? {} : { region: derived.region }) };
}

/** From the memo while the files are unchanged, else from the files (then memoised). */
async function derivedInputs(
  env: NodeJS.ProcessEnv,
  profile: string,
  paths: ReturnType<typeof touchrolePaths>,
  nowMs: number,
): Promise<DerivedInputs | undefined> {
  const scope = resolutionScope(env);
  // This module's own file too: a new touchrole may derive differently.
  const files = signature([scope.configFile, scope.credentialsFile, join(paths.config, SETTINGS_FILE), __filename], nowMs);
  const memo = memoFile(paths.cache, profile);
  const key = JSON.stringify([scopeInputs(scope), profile]);
  const known = files === undefined ? undefined : readMemo(memo, key, files);
  if (known !== undefined) return known;
  const derived = await (await import('./derive-inputs')).deriveInputs(env, profile, paths.config);
  if (derived !== undefined && files !== undefined && statSync(paths.cache, { throwIfNoEntry: false })?.isDirectory() === true) {
    writeMemo(memo, key, files, derived);
  }
  return derived;
}

/** sessions/cache-read.ts readCacheEntry, synchronously: node:fs/promises costs this path a millisecond. */
function readEntry(dir: string, profile: string): CachedSession | undefined {
  const key = { kind: 'role-session', profile } as const;
  const path = join(dir, cacheFileName(key));
  let text: string;
  try {
    const s = statSync(path);
    if ((s.mode & 0o077) !== 0 || (typeof process.getuid === 'function' && s.uid !== process.getuid())) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const entry = parseEntry(text);
  return entry?.kind === key.kind ? entry : undefined;
}
