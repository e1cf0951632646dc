// SPDX-License-Identifier: MIT
// What the hot path needs to know about a profile before reading the cache: the fingerprint an
// elevation of it would store (as sessions/fingerprint.ts callerIdentity computes it) and its region.
import type { IniSection } from '../../../src-shared/aws-ini';
import type { FingerprintRequest } from '../../../src-shared/session-fingerprint';
import { readMergedProfiles, resolutionScope, roleSessionFingerprint } from '../sessions/fingerprint';
import { regionOf } from './region';

export interface ProfileIdentity {
  fingerprint: string;
  region?: string;
}

/** Undefined when the AWS files cannot be read or parsed: no cache hit then; the full CLI reports why. */
export async function profileIdentity(env: NodeJS.ProcessEnv, profile: string, request: FingerprintRequest): Promise<ProfileIdentity | undefined> {
  const scope = resolutionScope(env);
  const merged = await readMergedProfiles(scope);
  if (merged === undefined) return undefined;
  const sections = (n: string): IniSection | undefined => merged.get(n);
  const region = regionOf(sections, profile);
  return { fingerprint: roleSessionFingerprint(scope, sections, profile, request), ...(region === undefined ? {} : { region }) };
}
