// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, formatExport, isExportFormat, pythonIsoFormat, unknownFormat } from '../../../../src-shared/delivery/export-formats';

const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'se/cr+et=', sessionToken: 'To+ken/==', expiration: Date.parse('2026-12-02T21:29:19Z') };

// The expected bytes are those of awscli/customizations/configure/exportcreds.py (AWS CLI v2) for the same credentials.
describe('formatExport: the formats of aws configure export-credentials', () => {
  it.each([
    ['env', 'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=se/cr+et=\nexport AWS_SESSION_TOKEN=To+ken/==\nexport AWS_CREDENTIAL_EXPIRATION=2026-12-02T21:29:19+00:00\n'],
    ['env-no-export', 'AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=se/cr+et=\nAWS_SESSION_TOKEN=To+ken/==\nAWS_CREDENTIAL_EXPIRATION=2026-12-02T21:29:19+00:00\n'],
    ['powershell', '$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLE"\n$Env:AWS_SECRET_ACCESS_KEY="se/cr+et="\n$Env:AWS_SESSION_TOKEN="To+ken/=="\n$Env:AWS_CREDENTIAL_EXPIRATION="2026-12-02T21:29:19+00:00"\n'],
    ['windows-cmd', 'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nset AWS_SECRET_ACCESS_KEY=se/cr+et=\nset AWS_SESSION_TOKEN=To+ken/==\nset AWS_CREDENTIAL_EXPIRATION=2026-12-02T21:29:19+00:00\n'],
    ['fish', 'set -gx AWS_ACCESS_KEY_ID "ASIAEXAMPLE"\nset -gx AWS_SECRET_ACCESS_KEY "se/cr+et="\nset -gx AWS_SESSION_TOKEN "To+ken/=="\nset -gx AWS_CREDENTIAL_EXPIRATION "2026-12-02T21:29:19+00:00"\n'],
    [
      'process',
      '{\n  "Version": 1,\n  "AccessKeyId": "ASIAEXAMPLE",\n  "SecretAccessKey": "se/cr+et=",\n  "SessionToken": "To+ken/==",\n  "Expiration": "2026-12-02T21:29:19+00:00"\n}\n',
    ],
  ] as const)('%s', (format, expected) => {
    expect(formatExport(format, creds)).toBe(expected);
  });

  it('lists the formats AWS CLI v2 accepts, and names them in the usage error', () => {
    expect([...EXPORT_FORMATS].sort()).toEqual(['env', 'env-no-export', 'fish', 'powershell', 'process', 'windows-cmd']);
    expect(isExportFormat('env')).toBe(true);
    expect(isExportFormat('bash')).toBe(false);
    const e = unknownFormat('bash');
    expect(e.code).toBe('usage');
    expect(e.hint).toContain('process|env|env-no-export|powershell|windows-cmd|fish');
  });

  it('refuses to print a value a shell would interpret', () => {
    expect(() => formatExport('env', { ...creds, sessionToken: 'a$(rm -rf ~)' })).toThrow(/shell would interpret/);
    expect(() => formatExport('fish', { ...creds, secretAccessKey: 'a"b' })).toThrow(/shell would interpret/);
  });
});

describe('pythonIsoFormat', () => {
  it('prints UTC as datetime.isoformat() does, microseconds only when there are any', () => {
    expect(pythonIsoFormat(Date.parse('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05+00:00');
    expect(pythonIsoFormat(Date.parse('2026-01-02T03:04:05.120Z'))).toBe('2026-01-02T03:04:05.120000+00:00');
  });
});
