// SPDX-License-Identifier: MIT
// What the hot path needs to know about a profile before reading the cache: the fingerprint an
// elevation of it would store (as sessions/fingerprint.ts callerIdentity computes it) and its region.
import { mergeProfiles, parseConfigFile, parseCredentialsFile, type IniSection } from '../../../src-shared/aws-ini';
import type { FingerprintRequest } from '../../../src-shared/session-fingerprint';
import { readAwsFile } from '../aws-config/read-aws-file';
import { resolutionScope, roleSessionFingerprint } from '../sessions/fingerprint';
import { regionOf } from './region';

export interface ProfileIdentity {
  fingerprint: string;
  region?: string;
}

/** Undefined when the AWS files cannot be read or parsed: no cache hit then; the full CLI reports why. */
export async function profileIdentity(env: NodeJS.ProcessEnv, profile: string, request: FingerprintRequest): Promise<ProfileIdentity | undefined> {
  const scope = resolutionScope(env);
  let merged: ReadonlyMap<string, IniSection>;
  try {
    const [config, credentials] = await Promise.all([readAwsFile(scope.configFile, 'config'), readAwsFile(scope.credentialsFile, 'credentials')]);
    merged = mergeProfiles(
      config === undefined ? undefined : parseConfigFile(config),
      credentials === undefined ? undefined : parseCredentialsFile(credentials),
    );
  } catch {
    return undefined;
  }
  const sections = (n: string): IniSection | undefined => merged.get(n);
  const region = regionOf(sections, profile);
  return { fingerprint: roleSessionFingerprint(scope, sections, profile, request), ...(region === undefined ? {} : { region }) };
}
