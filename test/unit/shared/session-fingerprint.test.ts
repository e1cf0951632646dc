// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { mergeProfiles, parseConfigFile, parseCredentialsFile } from '../../../src-shared/aws-ini';
import { mfaSessionInputs, partitionOf, roleSessionInputs, type ResolutionScope } from '../../../src-shared/session-fingerprint';

const SCOPE: ResolutionScope = {
  configFile: '/h/.aws/config',
  credentialsFile: '/h/.aws/credentials',
  settingsDir: '/s',
  cacheDir: '/c',
  stateDir: '/st',
  keychainService: 'touchrole',
};
const CONFIG =
  '[profile base]\nregion = eu-west-1\n' +
  '[profile mid]\nrole_arn = arn:aws:iam::1:role/Mid\nsource_profile = base\n' +
  '[profile top]\nrole_arn = arn:aws:iam::2:role/Top\nsource_profile = mid\nmfa_serial = arn:aws:iam::1:mfa/a\n';
const CREDENTIALS = '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = never-in-the-fingerprint\n';

function inputs(config = CONFIG, credentials = CREDENTIALS, profile = 'top', scope = SCOPE): string {
  const merged = mergeProfiles(parseConfigFile(config), parseCredentialsFile(credentials));
  return roleSessionInputs(scope, (n) => merged.get(n), profile, { defaultDurationSeconds: 3600 });
}

describe('roleSessionInputs', () => {
  it('covers every profile of the source_profile chain, and never a secret key', () => {
    const text = inputs();
    for (const part of ['role/Top', 'role/Mid', 'eu-west-1', 'mfa/a', 'AKIABASE', '/h/.aws/config']) expect(text).toContain(part);
    expect(text).not.toContain('never-in-the-fingerprint');
  });

  it('changes with a setting anywhere down the chain, not with other profiles', () => {
    expect(inputs(CONFIG.replace('role/Mid', 'role/Mid2'))).not.toBe(inputs());
    expect(inputs(CONFIG.replace('region = eu-west-1', 'region = us-east-1'))).not.toBe(inputs());
    expect(inputs(CONFIG, CREDENTIALS.replace('AKIABASE', 'AKIANEW'))).not.toBe(inputs());
    expect(inputs(`${CONFIG}[profile other]\nregion = ap-south-1\n`)).toBe(inputs());
    expect(inputs(CONFIG, CREDENTIALS.replace('never-in-the-fingerprint', 'another-secret'))).toBe(inputs());
  });

  it('ends on a loop and on a missing profile', () => {
    const loop = '[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n';
    expect(inputs(loop, '', 'a')).toContain('role/B');
    expect(inputs('', '', 'nope')).toContain('"nope",null');
  });

  it('is not fooled by a value that contains the separators of another', () => {
    const a = inputs('[profile top]\nrole_arn = arn:aws:iam::1:role/X\nexternal_id = 1","2\n', '');
    const b = inputs('[profile top]\nrole_arn = arn:aws:iam::1:role/X\nexternal_id = 1\nrole_session_name = 2\n', '');
    expect(a).not.toBe(b);
  });
});

describe('mfaSessionInputs and partitions', () => {
  it('differs by keys, serial, duration and partition, not by region within a partition', () => {
    const base = { sourceProfile: 'base', accessKeyId: 'AKIA1', mfaSerial: 'arn:aws:iam::1:mfa/a', durationSeconds: 43200, region: 'eu-west-1' };
    const same = mfaSessionInputs(SCOPE, base);
    expect(mfaSessionInputs(SCOPE, { ...base, region: 'us-east-1' })).toBe(same);
    for (const change of [{ accessKeyId: 'AKIA2' }, { mfaSerial: 'arn:aws:iam::1:mfa/b' }, { durationSeconds: 3600 }, { region: 'cn-north-1' }]) {
      expect(mfaSessionInputs(SCOPE, { ...base, ...change })).not.toBe(same);
    }
    expect(mfaSessionInputs({ ...SCOPE, configFile: '/other' }, base)).not.toBe(same);
  });

  it.each([
    [undefined, 'aws'],
    ['eu-west-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('partitionOf(%s) = %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
