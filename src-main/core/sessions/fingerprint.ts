// SPDX-License-Identifier: MIT
// Fingerprints of what a session was made from (src-shared/session-fingerprint.ts says what they cover).
// On the credential_process hot path: node:crypto, node:fs and src-shared only, no SDK, PC/SC or keychain.
import { createHash } from 'node:crypto';
import type { AgentCaller } from '../../../src-shared/agent-protocol';
import { mergeProfiles, parseConfigFile, parseCredentialsFile, type IniSection } from '../../../src-shared/aws-ini';
import {
  mfaSessionInputs,
  roleSessionInputs,
  scopeInputs,
  type FingerprintRequest,
  type MfaSessionInputs,
  type ResolutionScope,
} from '../../../src-shared/session-fingerprint';
import { readAwsFile } from '../aws-config/read-aws-file';
import { resolutionScope } from './resolution-scope';

export { resolutionScope };

/** sha256 of the scope: equal for two environments that resolve every profile alike. */
export function scopeDigest(scope: ResolutionScope): string {
  return sha256(scopeInputs(scope));
}

export function roleSessionFingerprint(
  scope: ResolutionScope,
  sections: (name: string) => IniSection | undefined,
  profile: string,
  request: FingerprintRequest,
): string {
  return sha256(roleSessionInputs(scope, sections, profile, request));
}

export function mfaSessionFingerprint(scope: ResolutionScope, inputs: MfaSessionInputs): string {
  return sha256(mfaSessionInputs(scope, inputs));
}

/** Who asks, and what `profile` resolves to for them: sent to the agent, checked against the cache. */
export interface CallerIdentity {
  scope: ResolutionScope;
  scopeDigest: string;
  /** Undefined when the AWS files cannot be read or parsed: no cache hit then; the full path reports why. */
  fingerprint?: string;
}

/**
 * The scope's config and credentials files merged as botocore sees profiles (pure parser, no SDK);
 * undefined when they cannot be read or parsed, which makes every cache lookup a miss.
 */
export async function readMergedProfiles(scope: ResolutionScope): Promise<ReadonlyMap<string, IniSection> | undefined> {
  try {
    const [config, credentials] = await Promise.all([readAwsFile(scope.configFile, 'config'), readAwsFile(scope.credentialsFile, 'credentials')]);
    return mergeProfiles(config === undefined ? undefined : parseConfigFile(config), credentials === undefined ? undefined : parseCredentialsFile(credentials));
  } catch {
    return undefined;
  }
}

/** Reads the caller's AWS files (pure parser, no SDK) and fingerprints `profile` as an elevation would. */
export async function callerIdentity(env: NodeJS.ProcessEnv, profile: string, request: FingerprintRequest): Promise<CallerIdentity> {
  const scope = resolutionScope(env);
  const base = { scope, scopeDigest: scopeDigest(scope) };
  const merged = await readMergedProfiles(scope);
  if (merged === undefined) return base;
  return { ...base, fingerprint: roleSessionFingerprint(scope, (n) => merged.get(n), profile, request) };
}

/** The identity as sent to (and compared by) the agent. */
export function agentCaller(identity: CallerIdentity): AgentCaller {
  const { scope } = identity;
  return {
    scope: identity.scopeDigest,
    ...(identity.fingerprint === undefined ? {} : { fingerprint: identity.fingerprint }),
    configFile: scope.configFile,
    credentialsFile: scope.credentialsFile,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
