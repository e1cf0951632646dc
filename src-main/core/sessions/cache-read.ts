// SPDX-License-Identifier: MIT
// The credential_process cache-hit path: runs on every `aws` command, so it imports node:fs and
// node:path and nothing heavier (no SDK, no PC/SC, no keychain); a unit test loads it alone to prove it.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CredentialProcessOutput } from '../../../src-shared/agent-protocol';

/** What a cache entry is for: a role session served by credential_process, or the MFA session. */
export type CacheKey = { kind: 'role-session'; profile: string } | { kind: 'mfa-session'; sourceProfile: string; mfaSerial: string };

export interface CachedSession {
  kind: CacheKey['kind'];
  /** The profile elevated (role-session) or whose keys signed GetSessionToken (mfa-session). */
  profile: string;
  roleArn?: string;
  mfaSerial?: string;
  /** What the session was made from (core/sessions/fingerprint.ts): a caller whose inputs differ misses. */
  fingerprint: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Milliseconds since the Unix epoch. */
  expiration: number;
}

export const DEFAULT_REFRESH_WINDOW_MS = 5 * 60_000;

/** One file per key; names from profile names are made filesystem-safe and collision-free. */
export function cacheFileName(key: CacheKey): string {
  const id = key.kind === 'role-session' ? key.profile : `${key.sourceProfile}@${key.mfaSerial}`;
  return `${key.kind}.${safeName(id)}.json`;
}

/**
 * The cached session for `key` if it was made from what `fingerprint` names now and has more
 * than `refreshWindowMs` left at `nowMs`; undefined for a miss. An entry made from other inputs
 * (role_arn edited, another AWS_CONFIG_FILE...) or without a fingerprint (an older touchrole)
 * is a miss: the caller then elevates and overwrites it.
 */
export async function readCachedSession(
  dir: string,
  key: CacheKey,
  fingerprint: string,
  nowMs: number,
  refreshWindowMs = DEFAULT_REFRESH_WINDOW_MS,
): Promise<CachedSession | undefined> {
  const entry = await readCacheEntry(dir, key);
  if (entry === undefined || entry.fingerprint !== fingerprint) return undefined;
  return entry.expiration - nowMs > refreshWindowMs ? entry : undefined;
}

/**
 * The entry stored for `key`, whatever it was made from and however long it has left (for
 * listing). A missing, unreadable, malformed or group/world-accessible file reads as none.
 */
export async function readCacheEntry(dir: string, key: CacheKey): Promise<CachedSession | undefined> {
  const path = join(dir, cacheFileName(key));
  let text: string;
  try {
    const s = await stat(path);
    if ((s.mode & 0o077) !== 0 || (typeof process.getuid === 'function' && s.uid !== process.getuid())) return undefined;
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const entry = parseEntry(text);
  return entry !== undefined && entry.kind === key.kind ? entry : undefined;
}

/** credential_process output (Version 1) for cached or fresh session credentials. */
export function toCredentialProcessJson(c: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}): CredentialProcessOutput {
  return {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: new Date(c.expiration).toISOString(),
  };
}

/**
 * The stored form: expiration as ISO 8601, like credential_process output. Version 2 added the
 * fingerprint; a version 1 entry (no fingerprint) does not parse, so it is a miss.
 */
export const CACHE_ENTRY_VERSION = 2;

export function serializeEntry(entry: CachedSession): string {
  return `${JSON.stringify({ version: CACHE_ENTRY_VERSION, ...entry, expiration: new Date(entry.expiration).toISOString() }, null, 2)}\n`;
}

export function parseEntry(text: string): CachedSession | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? o[k] : undefined);
  const kind = o['kind'];
  const expiration = Date.parse(str('expiration') ?? '');
  const profile = str('profile');
  const accessKeyId = str('accessKeyId');
  const secretAccessKey = str('secretAccessKey');
  const sessionToken = str('sessionToken');
  const fingerprint = str('fingerprint');
  if (o['version'] !== CACHE_ENTRY_VERSION || (kind !== 'role-session' && kind !== 'mfa-session') || Number.isNaN(expiration)) return undefined;
  if (profile === undefined || fingerprint === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined || sessionToken === undefined) return undefined;
  const roleArn = str('roleArn');
  const mfaSerial = str('mfaSerial');
  return {
    kind,
    profile,
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(mfaSerial === undefined ? {} : { mfaSerial }),
    fingerprint,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration,
  };
}

/** A filesystem-safe, collision-free name part for a profile name or ARN. */
export function safeName(id: string): string {
  if (/^[A-Za-z0-9_-]{1,100}$/.test(id)) return `p-${id}`;
  // Anything else (dots, slashes, colons of an ARN, non-ASCII) as hex of its UTF-16 units: unique and portable.
  let hex = '';
  for (let i = 0; i < id.length; i++) hex += id.charCodeAt(i).toString(16).padStart(4, '0');
  // Keep file names far below NAME_MAX (255): a long id keeps a prefix plus a hash of the whole.
  return hex.length <= 180 ? `x-${hex}` : `x-${hex.slice(0, 160)}-${fnv1a64(id)}`;
}

/** FNV-1a, 64-bit: node:crypto stays off this path. */
function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}
