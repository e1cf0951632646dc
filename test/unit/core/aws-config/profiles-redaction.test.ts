// SPDX-License-Identifier: MIT
// `profiles --json` prints what the files say, except what is or may be a secret.
import { describe, expect, it } from 'vitest';
import { mergeProfiles, orderedJsonStringify, parseConfigFile, parseCredentialsFile } from '../../../../src-shared/aws-ini';
import { buildProfileSet, profilesReport } from '../../../../src-main/core/aws-config';
import { redactCommandLine } from '../../../../src-main/core/aws-config/redact-setting';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function report(config: string, credentials = ''): { profiles: Record<string, Record<string, unknown>> } {
  const cfg = parseConfigFile(config);
  const cred = parseCredentialsFile(credentials);
  const set = buildProfileSet({
    paths: { configFile: '/c', credentialsFile: '/k', profile: 'default' },
    config: cfg,
    credentials: cred,
    credentialsText: credentials,
    merged: mergeProfiles(cfg, cred),
  });
  return JSON.parse(orderedJsonStringify(profilesReport(set))) as { profiles: Record<string, Record<string, unknown>> };
}

describe('profiles --json redaction', () => {
  it('keeps the key names of an indented sub-section and redacts every value in it', () => {
    const json = report('[profile dev]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n  api_token = tok-123456\nplugin =\n  password = hunter2\n');
    expect(json.profiles['dev']).toEqual({
      region: 'eu-west-1',
      s3: { max_concurrent_requests: '<redacted>', api_token: '<redacted>' },
      plugin: { password: '<redacted>' },
    });
  });

  it('redacts secrets in credential_process and keeps the program and its other arguments', () => {
    const json = report(`[profile p]\ncredential_process = /opt/bin/helper --profile p --secret ${SECRET} AKIAIOSFODNN7EXAMPLE\n`);
    expect(json.profiles['p']?.['credential_process']).toBe('/opt/bin/helper --profile p --secret <redacted> AKIAIOSFODNN7EXAMPLE');
  });

  it('keeps secrets of the credentials file redacted as before', () => {
    const json = report(
      '[profile k]\nregion = x\n',
      `[k]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = t\n`,
    );
    expect(json.profiles['k']).toEqual({
      region: 'x',
      aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      aws_secret_access_key: '<redacted>',
      aws_session_token: '<redacted>',
    });
  });
});

describe('redactCommandLine', () => {
  it.each([
    ['a plain helper stays', 'touchrole credential-process prod-admin', 'touchrole credential-process prod-admin'],
    [
      'paths and words stay',
      '/Users/alice/Library/Application/bin/aws-vault exec work --json',
      '/Users/alice/Library/Application/bin/aws-vault exec work --json',
    ],
    ['--secret value', 'helper --secret hunter2 --region us-east-1', 'helper --secret <redacted> --region us-east-1'],
    [
      '--password=value and -p style names',
      'helper --password="a b" --api-key=k1 -token x',
      'helper --password=<redacted> --api-key=<redacted> -token <redacted>',
    ],
    ['a key id stays, its secret next to it goes', `helper AKIAIOSFODNN7EXAMPLE ${SECRET}`, 'helper AKIAIOSFODNN7EXAMPLE <redacted>'],
    [
      '--access-key-id keeps its value',
      `helper --access-key-id ASIAIOSFODNN7EXAMPLE --secret-access-key ${SECRET}`,
      'helper --access-key-id ASIAIOSFODNN7EXAMPLE --secret-access-key <redacted>',
    ],
    ['variables named like secrets', 'env AWS_SECRET_ACCESS_KEY=abc MY_TOKEN=xyz helper', 'env AWS_SECRET_ACCESS_KEY=<redacted> MY_TOKEN=<redacted> helper'],
    ['a long hex run', `helper ${'0123456789abcdef'.repeat(4)}`, 'helper <redacted>'],
    ['a base32 TOTP seed', 'helper --seed JBSWY3DPEHPK3PXPJBSWY3DP', 'helper --seed <redacted>'],
    ['a flag followed by another flag keeps it', 'helper --token --verbose', 'helper --token --verbose'],
  ])('%s', (_what, input, expected) => {
    expect(redactCommandLine(input)).toBe(expected);
  });
});
