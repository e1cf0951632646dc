// SPDX-License-Identifier: MIT
// `touchrole export`: the formats of AWS CLI v2's `aws configure export-credentials`
// (awscli/customizations/configure/exportcreds.py), byte for byte: same variable names, same
// order, values unquoted in env/env-no-export/windows-cmd, double-quoted in powershell and fish.
import { BugError, TouchroleError } from '../errors';

export const EXPORT_FORMATS = ['process', 'env', 'env-no-export', 'powershell', 'windows-cmd', 'fish'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportableCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Milliseconds since the Unix epoch. */
  expiration: number;
}

const LINE_FORMATS: Record<Exclude<ExportFormat, 'process'>, (name: string, value: string) => string> = {
  env: (n, v) => `export ${n}=${v}`,
  'env-no-export': (n, v) => `${n}=${v}`,
  powershell: (n, v) => `$Env:${n}="${v}"`,
  'windows-cmd': (n, v) => `set ${n}=${v}`,
  fish: (n, v) => `set -gx ${n} "${v}"`,
};

// STS keys, tokens (base64) and timestamps use only these: nothing a shell would expand or split.
const SAFE_VALUE = /^[A-Za-z0-9+/=:._-]+$/;

export function isExportFormat(v: string): v is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(v);
}

/** The usage error for an unknown --format, listing the valid ones. */
export function unknownFormat(v: string): TouchroleError {
  return new TouchroleError('usage', `unknown export format "${v.slice(0, 40)}"`, { hint: `use --format ${EXPORT_FORMATS.join('|')}` });
}

/**
 * The text to print. AWS CLI v2 prints values as they are; a value that a shell would
 * interpret (never an STS one) is refused rather than printed for `eval`.
 */
export function formatExport(format: ExportFormat, c: ExportableCredentials): string {
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', pythonIsoFormat(c.expiration)],
  ];
  if (format === 'process') {
    const [[, AccessKeyId], [, SecretAccessKey], [, SessionToken], [, Expiration]] = vars as [
      [string, string],
      [string, string],
      [string, string],
      [string, string],
    ];
    return `${JSON.stringify({ Version: 1, AccessKeyId, SecretAccessKey, SessionToken, Expiration }, null, 2)}\n`;
  }
  for (const [name, value] of vars) {
    if (!SAFE_VALUE.test(value)) throw new BugError(`the session's ${name} has characters a shell would interpret; refusing to print it for eval`);
  }
  const line = LINE_FORMATS[format];
  return vars.map(([n, v]) => `${line(n, v)}\n`).join('');
}

/** Python's datetime.isoformat() for a UTC time, as botocore's expiry prints: 2026-12-02T21:29:19+00:00. */
export function pythonIsoFormat(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-02T21:29:19.000Z
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${millis === '000' ? '' : `.${millis}000`}+00:00`;
}
