// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../../../src-shared/aws-ini';
import { configSectionName, readSectionValue, removeSectionValue, setSectionValue } from '../../../../src-main/core/mfa-device';
import { replaceKeyPair } from '../../../../src-main/core/rotation';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

describe('setSectionValue', () => {
  it.each([
    [
      'inserts after the last setting, before the comment that introduces the next section',
      '[profile a]\nregion = eu-west-1\n\n# prod\n[profile b]\nx = 1\n',
      '[profile a]\nregion = eu-west-1\nmfa_serial = S\n\n# prod\n[profile b]\nx = 1\n',
    ],
    ['keeps CRLF line breaks', '[profile a]\r\nregion = x\r\n', '[profile a]\r\nregion = x\r\nmfa_serial = S\r\n'],
    ['keeps a missing final newline', '[profile a]\nregion = x', '[profile a]\nregion = x\nmfa_serial = S'],
    ['replaces an existing value in place, keeping its spacing', '[profile a]\nMFA_Serial=old  \nregion = x\n', '[profile a]\nMFA_Serial=S  \nregion = x\n'],
    ['inserts under an empty header', '[profile a]\n[profile b]\n', '[profile a]\nmfa_serial = S\n[profile b]\n'],
    ['appends a missing section', '[profile b]\nx = 1', '[profile b]\nx = 1\n\n[profile a]\nmfa_serial = S\n'],
    ['creates the file content', '', '[profile a]\nmfa_serial = S\n'],
  ])('%s', (_name, before, after) => {
    expect(setSectionValue(before, 'profile a', 'mfa_serial', 'S', { createSection: true })).toBe(after);
    parseConfigFile(after);
  });

  it('refuses a value spread over continuation lines', () => {
    expect(() => setSectionValue('[profile a]\nmfa_serial = x\n  y\n', 'profile a', 'mfa_serial', 'S')).toThrow(/spans several lines/);
  });

  it('removes the line again, byte for byte', () => {
    const text = '# mine\n[profile a]\nregion = x ; keep\n\n[profile b]\n';
    const added = setSectionValue(text, 'profile a', 'mfa_serial', SERIAL);
    expect(readSectionValue(added, 'profile a', 'mfa_serial')).toBe(SERIAL);
    expect(removeSectionValue(added, 'profile a', 'mfa_serial')).toBe(text);
  });

  it('uses [default] or [profile default] for the default profile', () => {
    expect(configSectionName('[default]\n', 'default')).toBe('default');
    expect(configSectionName('[profile default]\n', 'default')).toBe('profile default');
    expect(configSectionName('', 'work')).toBe('profile work');
  });
});

describe('replaceKeyPair (credentials file)', () => {
  it('replaces only the two values of that section', () => {
    const text =
      '[other]\naws_access_key_id = AKIAOTHER\n\n[work]\n# rotated by touchrole\naws_access_key_id = AKIAOLD\naws_secret_access_key=oldsecret\nregion = x\n';
    expect(replaceKeyPair(text, 'work', { accessKeyId: 'AKIANEW', secretAccessKey: 'newsecret' })).toBe(
      '[other]\naws_access_key_id = AKIAOTHER\n\n[work]\n# rotated by touchrole\naws_access_key_id = AKIANEW\naws_secret_access_key=newsecret\nregion = x\n',
    );
  });
});
