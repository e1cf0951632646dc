// SPDX-License-Identifier: MIT
import { staticCredentials, type AwsConfigFile, type IniSection, type IniSections } from '../../../src-shared/aws-ini';
import type { WireError } from '../../../src-shared/errors';
import { checkProfileDurationSeconds } from '../../../src-shared/rules';
import { checkMfaSerial, isRoleArn } from './arns';

/** Where a profile's long-term keys are. */
export type KeysLocation = 'keychain' | 'credentials-file' | 'config-file';

/** What touchrole makes of one AWS profile (standard keys only, plus one optional override). */
export interface AwsProfile {
  name: string;
  /** source: has long-term keys; role: role_arn with source_profile or credential_source. */
  kind: 'source' | 'role' | 'other';
  /** The merged settings, as botocore sees them. */
  settings: IniSection;
  keys?: KeysLocation;
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  mfaSerial?: string;
  durationSeconds?: number;
  externalId?: string;
  roleSessionName?: string;
  region?: string;
  /** `touchrole_oath_credential`: the OATH credential to use instead of matching mfa_serial. */
  oathCredential?: string;
  /** Why touchrole cannot use this profile as it stands ('profile-invalid'); listing still shows it. */
  problem?: WireError;
}

export const OATH_OVERRIDE_KEY = 'touchrole_oath_credential';

/**
 * Derives the profile model. `keychainProfiles` names the profiles whose keys live in the
 * keychain (a keychain entry wins over plaintext keys, matching touchrole's lookup order).
 */
export function deriveProfile(
  name: string,
  settings: IniSection,
  files: { config: AwsConfigFile | undefined; credentials: IniSections | undefined },
  keychainProfiles: ReadonlySet<string>,
): AwsProfile {
  const problems: string[] = [];
  const text = (key: string): string | undefined => {
    const v = settings.get(key);
    if (typeof v === 'string') return v === '' ? undefined : v;
    if (v !== undefined) problems.push(`${key} is an indented sub-section, not a value`);
    return undefined;
  };
  const p: AwsProfile = { name, kind: 'other', settings };
  const set = <K extends keyof AwsProfile>(key: K, value: AwsProfile[K] | undefined): void => {
    if (value !== undefined) p[key] = value;
  };

  const statics = staticCredentials(name, files.config, files.credentials);
  if (keychainProfiles.has(name)) p.keys = 'keychain';
  else if (statics?.ok === true) p.keys = statics.source === 'config-file' ? 'config-file' : 'credentials-file';
  else if (statics?.ok === false) problems.push('aws_access_key_id is set without aws_secret_access_key');

  set('roleArn', text('role_arn'));
  set('sourceProfile', text('source_profile'));
  set('credentialSource', text('credential_source'));
  set('mfaSerial', text('mfa_serial'));
  set('externalId', text('external_id'));
  set('roleSessionName', text('role_session_name'));
  set('region', text('region'));
  set('oathCredential', text(OATH_OVERRIDE_KEY));
  const duration = text('duration_seconds');
  if (duration !== undefined) {
    const seconds = /^\d+$/.test(duration) ? Number(duration) : NaN;
    const problem = checkProfileDurationSeconds(seconds);
    if (problem === undefined) p.durationSeconds = seconds;
    else problems.push(`duration_seconds ${problem}`);
  }

  if (p.roleArn !== undefined) {
    p.kind = 'role';
    if (!isRoleArn(p.roleArn)) problems.push('role_arn is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)');
    if (p.sourceProfile === undefined && p.credentialSource === undefined) problems.push('role_arn needs source_profile or credential_source');
    if (p.sourceProfile !== undefined && p.credentialSource !== undefined) problems.push('set source_profile or credential_source, not both');
  } else if (p.keys !== undefined) p.kind = 'source';

  if (p.mfaSerial !== undefined) {
    const check = checkMfaSerial(p.mfaSerial);
    if (check === 'not-totp') problems.push('mfa_serial names a U2F/passkey device, which gives no codes: use a virtual MFA device');
    else if (check === 'invalid') problems.push('mfa_serial is not an MFA device ARN (arn:aws:iam::123456789012:mfa/NAME)');
  }
  const first = problems[0];
  if (first !== undefined) {
    p.problem = {
      code: 'profile-invalid',
      message: `Profile "${name}": ${first}`,
      hint: 'Fix the profile in ~/.aws/config (see `touchrole profiles`).',
    };
  }
  return p;
}
