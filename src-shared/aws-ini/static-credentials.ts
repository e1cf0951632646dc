// SPDX-License-Identifier: MIT
import type { AwsConfigFile } from './aws-files';
import type { IniSection, IniSections, IniValue } from './parse-ini';

export type StaticCredentialsSource = 'shared-credentials-file' | 'config-file';

export type StaticCredentialsResult =
  | { ok: true; source: StaticCredentialsSource; accessKey: IniValue; secretKey: IniValue; token: IniValue | null }
  /** aws_access_key_id without aws_secret_access_key: botocore raises PartialCredentialsError. */
  | { ok: false; source: StaticCredentialsSource; error: 'PartialCredentialsError'; missing: string };

const ACCESS_KEY = 'aws_access_key_id';
const SECRET_KEY = 'aws_secret_access_key';
// botocore reads the legacy name first: a stale aws_security_token beats a fresh aws_session_token.
const TOKEN_KEYS = ['aws_security_token', 'aws_session_token'] as const;

/**
 * The static keys botocore's SharedCredentialProvider (credentials file), then ConfigProvider
 * (config file) return for `profile`; null when neither file has aws_access_key_id for it.
 */
export function staticCredentials(profile: string, config: AwsConfigFile | undefined, credentials: IniSections | undefined): StaticCredentialsResult | null {
  return fromSection(credentials?.get(profile), 'shared-credentials-file') ?? fromSection(config?.profiles.get(profile), 'config-file');
}

function fromSection(section: IniSection | undefined, source: StaticCredentialsSource): StaticCredentialsResult | null {
  const accessKey = section?.get(ACCESS_KEY);
  if (section === undefined || accessKey === undefined) return null;
  const secretKey = section.get(SECRET_KEY);
  if (secretKey === undefined) return { ok: false, source, error: 'PartialCredentialsError', missing: SECRET_KEY };
  let token: IniValue | null = null;
  for (const key of TOKEN_KEYS) {
    const value = section.get(key);
    if (value !== undefined) {
      token = value;
      break;
    }
  }
  return { ok: true, source, accessKey, secretKey, token };
}
