// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, formatExport, isExportFormat, pythonIsoFormat, unknownFormat } from '../../../../src-shared/delivery/export-formats';

const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'se/cr+et=', sessionToken: 'To+ken/==', expiration: Date.parse('2026-12-02T21:29:19Z') };

// The expected bytes are those of awscli/customizations/configure/exportcreds.py (AWS CLI v2) for the same credentials.
describe('formatExport: the formats of aws configure export-credentials', () => {
  const lines = (...l: string[]): string => l.map((x) => `${x}\n`).join('');
  const EXP = '2026-12-02T21:29:19+00:00';
  it.each([
    [
      'env',
      lines(
        'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE',
        'export AWS_SECRET_ACCESS_KEY=se/cr+et=',
        'export AWS_SESSION_TOKEN=To+ken/==',
        `export AWS_CREDENTIAL_EXPIRATION=${EXP}`,
      ),
    ],
    [
      'env-no-export',
      lines('AWS_ACCESS_KEY_ID=ASIAEXAMPLE', 'AWS_SECRET_ACCESS_KEY=se/cr+et=', 'AWS_SESSION_TOKEN=To+ken/==', `AWS_CREDENTIAL_EXPIRATION=${EXP}`),
    ],
    [
      'powershell',
      lines(
        '$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLE"',
        '$Env:AWS_SECRET_ACCESS_KEY="se/cr+et="',
        '$Env:AWS_SESSION_TOKEN="To+ken/=="',
        `$Env:AWS_CREDENTIAL_EXPIRATION="${EXP}"`,
      ),
    ],
    [
      'windows-cmd',
      lines(
        'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE',
        'set AWS_SECRET_ACCESS_KEY=se/cr+et=',
        'set AWS_SESSION_TOKEN=To+ken/==',
        `set AWS_CREDENTIAL_EXPIRATION=${EXP}`,
      ),
    ],
    [
      'fish',
      lines(
        'set -gx AWS_ACCESS_KEY_ID "ASIAEXAMPLE"',
        'set -gx AWS_SECRET_ACCESS_KEY "se/cr+et="',
        'set -gx AWS_SESSION_TOKEN "To+ken/=="',
        `set -gx AWS_CREDENTIAL_EXPIRATION "${EXP}"`,
      ),
    ],
    [
      'process',
      lines(
        '{',
        '  "Version": 1,',
        '  "AccessKeyId": "ASIAEXAMPLE",',
        '  "SecretAccessKey": "se/cr+et=",',
        '  "SessionToken": "To+ken/==",',
        `  "Expiration": "${EXP}"`,
        '}',
      ),
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
