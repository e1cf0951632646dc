// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { mergeProfiles, orderedJsonStringify, parseConfigFile, parseCredentialsFile, upsertManagedSection } from '../../../../src-shared/aws-ini';
import {
  awsFilePaths,
  buildProfileSet,
  checkMfaSerial,
  checkSessionProfileName,
  isRoleArn,
  profilesReport,
  resolveRoleChain,
  sessionProfileName,
  type AwsFiles,
} from '../../../../src-main/core/aws-config';
import { TouchroleError } from '../../../../src-shared/errors';

function files(config: string, credentials: string): AwsFiles {
  const cfg = parseConfigFile(config);
  const cred = parseCredentialsFile(credentials);
  return {
    paths: { configFile: '/c', credentialsFile: '/k', profile: 'default' },
    config: cfg,
    credentials: cred,
    credentialsText: credentials,
    merged: mergeProfiles(cfg, cred),
  };
}

const CONFIG = `
[profile base]
region = eu-west-1
[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/alice
duration_seconds = 3600
external_id = ext
role_session_name = alice
touchrole_oath_credential = AWS:alice
[profile chained]
role_arn = arn:aws-us-gov:iam::123456789012:role/team/ReadOnly
source_profile = admin
[profile self]
role_arn = arn:aws:iam::123456789012:role/Self
source_profile = self
aws_access_key_id = AKIASELF
aws_secret_access_key = s
[profile loop-a]
role_arn = arn:aws:iam::123456789012:role/A
source_profile = loop-b
[profile loop-b]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = loop-a
[profile dangling]
role_arn = arn:aws:iam::123456789012:role/D
source_profile = nowhere
[profile bad-arn]
role_arn = arn:aws:iam::123:role/X
source_profile = base
[profile bad-mfa]
role_arn = arn:aws:iam::123456789012:role/X
source_profile = base
mfa_serial = arn:aws:iam::123456789012:u2f/user/alice/key
[profile bad-duration]
role_arn = arn:aws:iam::123456789012:role/X
credential_source = Environment
duration_seconds = 90000
[profile sso]
sso_session = corp
`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n[half]\naws_access_key_id = AKIAHALF\n';

describe('profile model', () => {
  const set = buildProfileSet(files(CONFIG, CREDENTIALS), { keychainProfiles: new Set(['kc']) });
  const get = (n: string) => set.profiles.get(n);

  it('derives kind, standard keys and the OATH override', () => {
    expect(get('base')).toMatchObject({ kind: 'source', keys: 'credentials-file', region: 'eu-west-1' });
    expect(get('admin')).toMatchObject({
      kind: 'role',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      sourceProfile: 'base',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
      durationSeconds: 3600,
      externalId: 'ext',
      roleSessionName: 'alice',
      oathCredential: 'AWS:alice',
    });
    expect(get('admin')?.problem).toBeUndefined();
    expect(get('sso')?.kind).toBe('other');
  });

  it('keys in the keychain make a source profile', () => {
    const s = buildProfileSet(files('[profile kc]\nregion = x\n', ''), { keychainProfiles: new Set(['kc']) });
    expect(s.profiles.get('kc')).toMatchObject({ kind: 'source', keys: 'keychain' });
  });

  it.each([
    ['bad-arn', /role_arn is not an IAM role ARN/],
    ['bad-mfa', /U2F/],
    ['bad-duration', /duration_seconds/],
    ['half', /without aws_secret_access_key/],
    ['loop-a', /loop/],
    ['dangling', /"nowhere", which does not exist/],
  ])('%s is listed with a profile problem', (name, message) => {
    expect(get(name)?.problem?.message).toMatch(message);
  });

  it('resolves chains from the source keys to the role asked for', () => {
    const chain = resolveRoleChain(set.profiles, 'chained');
    expect(chain.source?.name).toBe('base');
    expect(chain.roles.map((r) => r.name)).toEqual(['admin', 'chained']);
    expect(resolveRoleChain(set.profiles, 'self').source?.name).toBe('self');
    expect(resolveRoleChain(set.profiles, 'base').roles).toEqual([]);
    const env = buildProfileSet(files('[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/E\ncredential_source = Ec2InstanceMetadata\n', ''));
    expect(resolveRoleChain(env.profiles, 'ec2')).toMatchObject({ credentialSource: 'Ec2InstanceMetadata', roles: [{ name: 'ec2' }] });
  });

  it('refuses unknown, invalid and looping profiles with their codes', () => {
    const code = (n: string): string | undefined => {
      try {
        resolveRoleChain(set.profiles, n);
        return undefined;
      } catch (e) {
        return e instanceof TouchroleError ? e.code : 'not a TouchroleError';
      }
    };
    expect(code('missing')).toBe('profile-not-found');
    expect(code('loop-a')).toBe('profile-invalid');
    expect(code('bad-arn')).toBe('profile-invalid');
    expect(code('sso')).toBe('profile-invalid');
  });

  it('profiles --json: the corpus shape plus derived info, secrets redacted', () => {
    const json = JSON.parse(orderedJsonStringify(profilesReport(set))) as {
      profiles: Record<string, Record<string, unknown>>;
      touchrole: Record<string, Record<string, unknown>>;
    };
    expect(json.profiles['admin']).toMatchObject({ role_arn: 'arn:aws:iam::123456789012:role/Admin', source_profile: 'base' });
    expect(json.profiles['base']?.['aws_secret_access_key']).toBe('<redacted>');
    expect(json.touchrole['chained']).toMatchObject({ kind: 'role', sourceProfile: 'base', roleChain: ['admin', 'chained'] });
    expect(json.touchrole['loop-a']?.['problem']).toMatchObject({ code: 'profile-invalid' });
  });
});

describe('ARN formats', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/Admin', true],
    ['arn:aws-cn:iam::123456789012:role/path/to/Admin', true],
    ['arn:aws:iam::123456789012:user/Admin', false],
    ['arn:aws:sts::123456789012:assumed-role/Admin/x', false],
    ['arn:aws:iam::123456789012:role/', false],
  ])('role %s', (arn, ok) => expect(isRoleArn(arn)).toBe(ok));

  it.each([
    ['arn:aws:iam::123456789012:mfa/alice', 'ok'],
    ['arn:aws:iam::123456789012:mfa/path/alice', 'ok'],
    ['GAHT12345678', 'ok'],
    ['arn:aws:iam::123456789012:u2f/user/alice/key-ABC', 'not-totp'],
    ['arn:aws:iam::123456789012:user/alice', 'invalid'],
    ['short', 'invalid'],
  ])('mfa %s', (serial, result) => expect(checkMfaSerial(serial)).toBe(result));
});

describe('session profile names', () => {
  it('default suffix, never the config profile name', () => {
    expect(sessionProfileName('admin')).toBe('admin-touchrole');
    expect(sessionProfileName('admin', '@mfa')).toBe('admin@mfa');
    expect(() => sessionProfileName('admin', '')).toThrow(TouchroleError);
  });

  it('refuses a config profile or a user section of that name, accepts its own', () => {
    const f = files('[profile admin-touchrole]\nregion = x\n', '[mine]\nk = v\n');
    expect(() => checkSessionProfileName('admin-touchrole', f)).toThrow(/config file has a profile/);
    expect(() => checkSessionProfileName('mine', f)).toThrow(/your own section/);
    const text = upsertManagedSection('', 'ours', { accessKeyId: 'A', secretAccessKey: 'B', sessionToken: 'C', expiresAt: 1 });
    expect(() => checkSessionProfileName('ours', files('', text))).not.toThrow();
    expect(() => checkSessionProfileName('fresh', f)).not.toThrow();
  });
});

describe('awsFilePaths', () => {
  it('defaults under HOME, env overrides with ~ and $VAR expansion', () => {
    expect(awsFilePaths({ HOME: '/h' })).toEqual({ configFile: '/h/.aws/config', credentialsFile: '/h/.aws/credentials', profile: 'default' });
    expect(awsFilePaths({ HOME: '/h', AWS_CONFIG_FILE: '~/cfg', AWS_SHARED_CREDENTIALS_FILE: '${D}/c/$UNSET', D: '/d', AWS_PROFILE: 'p' })).toEqual({
      configFile: '/h/cfg',
      credentialsFile: '/d/c/$UNSET',
      profile: 'p',
    });
  });
});
