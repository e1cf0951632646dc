// SPDX-License-Identifier: MIT
import { managedSections } from '../../../src-shared/aws-ini';
import { TouchroleError } from '../../../src-shared/errors';
import { DEFAULT_SESSION_SUFFIX } from '../../../src-shared/rules';
import type { AwsFiles } from './load-aws-files';

/**
 * The credentials-file profile a session for `profile` is written to. It must differ from the
 * config profile: botocore prefers a config profile's role_arn over keys in the credentials
 * file under the same name, so a session written as [prod] would be ignored (or trigger a new
 * AssumeRole) for a role profile "prod". See docs/credentials-file.md.
 */
export function sessionProfileName(profile: string, suffix: string = DEFAULT_SESSION_SUFFIX): string {
  if (suffix === '') throw new TouchroleError('usage', 'The session profile suffix cannot be empty', { hint: 'Use e.g. "-touchrole".' });
  return profile + suffix;
}

/**
 * Refuses a session profile name the user already uses: a profile in the config file (its
 * settings would mix with the session's) or a credentials section touchrole did not write.
 */
export function checkSessionProfileName(name: string, files: Pick<AwsFiles, 'config' | 'credentials' | 'credentialsText'>): void {
  if (files.config?.profiles.has(name) === true) {
    throw new TouchroleError('profile-invalid', `Cannot write a session as "${name}": the AWS config file has a profile of that name`, {
      hint: 'Rename that profile, or change the session profile suffix in touchrole settings.',
    });
  }
  const managed = new Set(managedSections(files.credentialsText).map((s) => s.name));
  if (files.credentials?.has(name) === true && !managed.has(name)) {
    throw new TouchroleError('profile-invalid', `Cannot write a session as "${name}": the credentials file has your own section of that name`, {
      hint: 'touchrole never changes sections it did not write: rename it, or change the session profile suffix.',
    });
  }
}
