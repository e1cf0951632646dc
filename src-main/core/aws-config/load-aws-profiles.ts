// SPDX-License-Identifier: MIT
import { managedSections } from '../../../src-shared/aws-ini';
import { loadAwsFiles, type AwsFiles } from './load-aws-files';
import { deriveProfile, type AwsProfile } from './profile-model';
import { roleChainProblems } from './role-chain';

export interface AwsProfileSet {
  files: AwsFiles;
  /** Every merged profile in botocore's order, with touchrole's view of it. */
  profiles: ReadonlyMap<string, AwsProfile>;
  /** Credentials sections touchrole wrote, with their expiry (epoch ms). */
  sessions: ReadonlyMap<string, number>;
}

export interface LoadProfilesOptions {
  /** Profiles whose long-term keys are in the keychain. */
  keychainProfiles?: ReadonlySet<string>;
}

/** Reads ~/.aws (honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) into profiles. */
export async function loadAwsProfiles(env: NodeJS.ProcessEnv, options: LoadProfilesOptions = {}): Promise<AwsProfileSet> {
  return buildProfileSet(await loadAwsFiles(env), options);
}

/** The profile model from files already read. Broken chains become the profile's `problem`. */
export function buildProfileSet(files: AwsFiles, options: LoadProfilesOptions = {}): AwsProfileSet {
  const keychain = options.keychainProfiles ?? new Set<string>();
  const profiles = new Map<string, AwsProfile>();
  for (const [name, settings] of files.merged) profiles.set(name, deriveProfile(name, settings, files, keychain));
  // Profiles that name a missing profile, or loop, are listed with the reason they cannot be used.
  for (const [name, problem] of roleChainProblems(profiles)) {
    const p = profiles.get(name);
    if (p !== undefined) p.problem = problem.toWire();
  }
  const sessions = new Map(managedSections(files.credentialsText).map((s) => [s.name, s.expiresAt]));
  return { files, profiles, sessions };
}
