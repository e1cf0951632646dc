// SPDX-License-Identifier: MIT
// Runs the real AWS CLI v2 against an endpoint, in a throw-away HOME with its own credentials file.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AWS_CLI_V2 = '/usr/bin/aws';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProfile {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Fails (never skips) when the AWS CLI v2 is missing. */
export function requireAwsCliV2(): void {
  if (!existsSync(AWS_CLI_V2)) throw new Error(`${AWS_CLI_V2} is missing: install the Debian package awscli (AWS CLI v2) to run these tests`);
}

/** An isolated HOME whose credentials file holds `profiles`; remove() deletes it. */
export function cliHome(profiles: Record<string, CliProfile>) {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-emulator-cli-'));
  const credentials = Object.entries(profiles)
    .map(([name, p]) =>
      [`[${name}]`, `aws_access_key_id = ${p.accessKeyId}`, `aws_secret_access_key = ${p.secretAccessKey}`]
        .concat(p.sessionToken === undefined ? [] : [`aws_session_token = ${p.sessionToken}`])
        .join('\n'),
    )
    .join('\n\n');
  writeFileSync(join(home, 'credentials'), `${credentials}\n`, { mode: 0o600 });
  writeFileSync(join(home, 'config'), '', { mode: 0o600 });

  /** `aws --endpoint-url URL --region us-east-1 --output json --profile PROFILE ...args` */
  // Asynchronous on purpose: the emulator under test serves from this same event loop.
  const run = (endpoint: string, profile: string, args: string[]): Promise<CliResult> => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
    const argv = ['--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json', '--profile', profile, ...args];
    return new Promise((resolve) => {
      execFile(AWS_CLI_V2, argv, { env, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status: code, stdout, stderr });
      });
    });
  };
  return { home, run, remove: () => rmSync(home, { recursive: true, force: true }) };
}
