// SPDX-License-Identifier: MIT
/**
 * What a cached session was made from, as a canonical string: a cached session is served only
 * to a caller whose inputs give the same string (hashed by core/sessions/fingerprint.ts). Pure,
 * so the credential_process hot path, the elevation that writes the cache and the agent all
 * compute it the same way.
 */
import type { IniSection } from './aws-ini';

/** Where a caller's environment points touchrole and the AWS tools: every input outside ~/.aws that changes a session. */
export interface ResolutionScope {
  /** AWS_CONFIG_FILE or ~/.aws/config, resolved. */
  configFile: string;
  /** AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials, resolved. */
  credentialsFile: string;
  /** touchrole's settings, cache and state directories (default duration, cache files, MFA ledger). */
  settingsDir: string;
  cacheDir: string;
  stateDir: string;
  /** The keychain service holding the long-term keys (TOUCHROLE_KEYCHAIN_SERVICE). */
  keychainService: string;
  /** AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL: which STS issued the session. */
  stsEndpoint?: string;
}

/** What the caller asked for, beyond the profile. */
export interface FingerprintRequest {
  /** The duration asked for on this call (undefined: the profile's duration_seconds, then the default). */
  durationSeconds?: number;
  /** settings default_duration (seconds). */
  defaultDurationSeconds?: number;
  /** A per-call MFA mode. */
  mfaMode?: string;
}

/** The keys of each profile in the source_profile chain that decide the session (never a secret). */
export const FINGERPRINT_PROFILE_KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'mfa_serial',
  'external_id',
  'role_session_name',
  'region',
  'duration_seconds',
  'touchrole_mfa_mode',
  'aws_access_key_id',
] as const;

/** The scope alone: two environments with equal scopes resolve every profile alike. */
export function scopeInputs(scope: ResolutionScope): string {
  return JSON.stringify(['scope-v1', scopeArray(scope)]);
}

/**
 * The inputs of a role session (credential_process, exec, export): the scope, each profile of
 * the source_profile chain from `profile` down to the long-term keys with the keys above, and
 * the request. `sections` are the merged config/credentials profiles as botocore reads them.
 */
export function roleSessionInputs(
  scope: ResolutionScope,
  sections: (name: string) => IniSection | undefined,
  profile: string,
  request: FingerprintRequest,
): string {
  const chain: unknown[] = [];
  const seen = new Set<string>();
  let name: string | undefined = profile;
  while (name !== undefined && !seen.has(name)) {
    seen.add(name);
    const section = sections(name);
    if (section === undefined) {
      chain.push([name, null]);
      break;
    }
    chain.push([name, FINGERPRINT_PROFILE_KEYS.map((k) => text(section, k) ?? null)]);
    // The chain ends at long-term keys (no role_arn) or at credential_source, as botocore's does.
    const hasRole = text(section, 'role_arn') !== undefined && text(section, 'credential_source') === undefined;
    name = hasRole ? text(section, 'source_profile') : undefined;
  }
  const asked = [request.durationSeconds ?? null, request.defaultDurationSeconds ?? null, request.mfaMode ?? null];
  return JSON.stringify(['role-session-v1', scopeArray(scope), chain, asked]);
}

export interface MfaSessionInputs {
  /** The profile whose long-term keys signed GetSessionToken. */
  sourceProfile: string;
  /** The access key id of those keys (keychain or file): new keys are a new identity. */
  accessKeyId: string;
  mfaSerial: string;
  durationSeconds: number;
  /** The region of the call; only its partition matters (the session works in every region of it). */
  region?: string;
}

/** The inputs of an MFA session (GetSessionToken), reused by every role of its source profile. */
export function mfaSessionInputs(scope: ResolutionScope, m: MfaSessionInputs): string {
  return JSON.stringify(['mfa-session-v1', scopeArray(scope), [m.sourceProfile, m.accessKeyId, m.mfaSerial, m.durationSeconds, partitionOf(m.region)]]);
}

/** The AWS partition of a region (aws for none: the STS adapter's default is us-east-1). */
export function partitionOf(region: string | undefined): string {
  if (region === undefined) return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

function scopeArray(s: ResolutionScope): unknown[] {
  return [s.configFile, s.credentialsFile, s.settingsDir, s.cacheDir, s.stateDir, s.keychainService, s.stsEndpoint ?? null];
}

function text(section: IniSection, key: string): string | undefined {
  const v = section.get(key);
  return typeof v === 'string' ? v : undefined;
}
