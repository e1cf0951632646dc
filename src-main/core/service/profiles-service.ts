// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { loadAwsProfiles, orderedJsonStringify, profilesReport, type AwsProfile, type AwsProfileSet } from '../aws-config';
import { planFor, type SessionPlan } from '../sessions';
import type { CorePorts } from './core-ports';

export interface ProfilesReport {
  set: AwsProfileSet;
  /** The AWS CLI's merged shape plus what touchrole derives, as ordered JSON text. */
  json: unknown;
  jsonText: string;
  /** Set when the keychain could not be read (its profiles are then missing). */
  warning?: string;
}

/** The AWS profiles as the AWS CLI reads them, with keychain-held keys counted. */
export class ProfilesService {
  constructor(private readonly ports: CorePorts) {}

  /** Profiles; keychain-held keys count when the keychain can be read. */
  async all(): Promise<AwsProfileSet> {
    return (await this.withKeychain()).set;
  }

  /** The listing `touchrole profiles` shows: it still works, and says so, when the keychain is locked. */
  async report(): Promise<ProfilesReport> {
    const { set, warning } = await this.withKeychain();
    const report = profilesReport(set);
    return { set, json: report, jsonText: orderedJsonStringify(report), ...(warning === undefined ? {} : { warning }) };
  }

  /** Names of profiles touchrole can elevate, its own sessions left out; read without the keychain (shell completion). */
  async elevatableNames(): Promise<string[]> {
    const set = await loadAwsProfiles(this.ports.env);
    return [...set.profiles.keys()].filter((n) => !set.sessions.has(n));
  }

  /** A profile with a long-term access key of its own (rotation, MFA device registration). */
  async sourceProfile(name: string): Promise<AwsProfile> {
    const profile = (await this.all()).profiles.get(name);
    if (profile === undefined) throw new TouchroleError('profile-not-found', `There is no profile "${name}"`, { hint: 'See `touchrole profiles`.' });
    if (profile.kind !== 'source') {
      throw new TouchroleError('profile-invalid', `Profile "${name}" has no long-term access key of its own`, {
        hint: 'Name the source profile (the one with the access key).',
      });
    }
    return profile;
  }

  /** How `profile` would be elevated: fails for a profile that cannot be, before any touch or STS call. */
  async plan(profile: string, durationSeconds?: number): Promise<SessionPlan> {
    return planFor(profile, (await this.all()).profiles, durationSeconds === undefined ? {} : { durationSeconds });
  }

  private async withKeychain(): Promise<{ set: AwsProfileSet; warning?: string }> {
    let keychainProfiles = new Set<string>();
    let warning: string | undefined;
    try {
      keychainProfiles = new Set((await this.ports.sourceKeys.list()).map((k) => k.profile));
    } catch (e) {
      if (!(e instanceof TouchroleError && (e.code === 'keychain-unavailable' || e.code === 'keychain-locked'))) throw e;
      warning = `keychain not read: ${e.message}`;
    }
    const set = await loadAwsProfiles(this.ports.env, { keychainProfiles });
    return warning === undefined ? { set } : { set, warning };
  }
}
