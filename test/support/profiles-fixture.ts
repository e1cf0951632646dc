// SPDX-License-Identifier: MIT
// Builds the real aws-config profile model from inline ~/.aws text, for session tests.
import { mergeProfiles, parseConfigFile, parseCredentialsFile } from '../../src-shared/aws-ini';
import { buildProfileSet, type AwsProfile } from '../../src-main/core/aws-config';

export function profilesFrom(config: string, credentials = ''): ReadonlyMap<string, AwsProfile> {
  const cfg = parseConfigFile(config);
  const cred = parseCredentialsFile(credentials);
  return buildProfileSet({
    paths: { configFile: '/c', credentialsFile: '/k', profile: 'default' },
    config: cfg,
    credentials: cred,
    credentialsText: credentials,
    merged: mergeProfiles(cfg, cred),
  }).profiles;
}

export const MFA = 'arn:aws:iam::111111111111:mfa/alice';

/** A source profile, a role with MFA, a role chained from it, and variations. */
export const CONFIG = `
[profile base]
region = eu-west-1
[profile base-mfa]
mfa_serial = ${MFA}
[profile admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
mfa_serial = ${MFA}
external_id = ext-1
[profile admin-long]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
mfa_serial = ${MFA}
duration_seconds = 28800
[profile admin-session]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
mfa_serial = ${MFA}
touchrole_mfa_mode = session
[profile admin-direct]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
mfa_serial = ${MFA}
touchrole_mfa_mode = direct
region = us-west-2
[profile admin-badmode]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
mfa_serial = ${MFA}
touchrole_mfa_mode = sometimes
[profile readonly]
role_arn = arn:aws:iam::222222222222:role/ReadOnly
source_profile = base
[profile inherit]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base-mfa
[profile deep]
role_arn = arn:aws:iam::333333333333:role/Deep
source_profile = admin
mfa_serial = ${MFA}
role_session_name = deep-session
[profile env-role]
role_arn = arn:aws:iam::222222222222:role/Admin
credential_source = Environment
`;

export const CREDENTIALS = `
[base]
aws_access_key_id = AKIABASE
aws_secret_access_key = base-secret
[base-mfa]
aws_access_key_id = AKIABASEMFA
aws_secret_access_key = base-mfa-secret
`;
