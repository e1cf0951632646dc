// SPDX-License-Identifier: MIT
// Each export format read back by the shell it is for, and compared with what AWS CLI v2's own
// `aws configure export-credentials` prints for the same session (the oracle).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatExport, type ExportFormat } from '../../../src-shared/delivery/export-formats';
import { runProcess } from '../../support/cli-harness';

// A token with every character STS tokens use (base64: + / =). The expiry is far in the future:
// the AWS CLI refuses to print a session that has expired by the time the test runs.
const creds = {
  accessKeyId: 'ASIAEXAMPLE0000001',
  secretAccessKey: 'wJalr/XUtnFEMI+K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2Vj+/ABCdef==',
  expiration: Date.parse('2099-12-02T21:29:19Z'),
};
const VALUES = [creds.accessKeyId, creds.secretAccessKey, creds.sessionToken, '2099-12-02T21:29:19+00:00'];
const PRINT = 'printf "%s\\n" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"';
const EXPORTED = 'env | grep -c "^AWS_" || true';

const which = (shell: string): string | undefined => ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, shell)).find((p) => existsSync(p));

interface Case {
  format: ExportFormat;
  shell: string;
  script: string;
  exported: boolean;
}

const CASES: Case[] = [
  { format: 'env', shell: 'bash', script: `eval "$(cat)"; ${PRINT}; ${EXPORTED}`, exported: true },
  { format: 'env', shell: 'sh', script: `eval "$(cat)"; ${PRINT}; ${EXPORTED}`, exported: true },
  { format: 'env', shell: 'zsh', script: `eval "$(cat)"; ${PRINT}; ${EXPORTED}`, exported: true },
  { format: 'env-no-export', shell: 'bash', script: `eval "$(cat)"; ${PRINT}; ${EXPORTED}`, exported: false },
  { format: 'env-no-export', shell: 'sh', script: `eval "$(cat)"; ${PRINT}; ${EXPORTED}`, exported: false },
  { format: 'env-no-export', shell: 'zsh', script: `eval "$(cat)"; ${PRINT}; ${EXPORTED}`, exported: false },
  {
    format: 'fish',
    shell: 'fish',
    script:
      'cat | source; printf "%s\\n" $AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_SESSION_TOKEN $AWS_CREDENTIAL_EXPIRATION; env | grep -c "^AWS_"; or true',
    exported: true,
  },
  {
    format: 'powershell',
    shell: 'pwsh',
    script:
      '$input | Out-String | Invoke-Expression; ' +
      '$Env:AWS_ACCESS_KEY_ID; $Env:AWS_SECRET_ACCESS_KEY; $Env:AWS_SESSION_TOKEN; $Env:AWS_CREDENTIAL_EXPIRATION; 4',
    exported: true,
  },
];

describe('export formats read back by their shells', () => {
  for (const c of CASES) {
    const path = which(c.shell);
    if (path === undefined) console.warn(`SKIPPED: ${c.format} in ${c.shell}: ${c.shell} is not installed on this machine`);
    it.skipIf(path === undefined)(`${c.format} in ${c.shell}`, async () => {
      // Node's stdio pipes are sockets, which makes bash read ~/.bashrc as if run by rshd: --norc.
      const args = c.shell === 'pwsh' ? ['-NoProfile', '-Command', c.script] : c.shell === 'bash' ? ['--norc', '-c', c.script] : ['-c', c.script];
      const r = await runProcess(path ?? c.shell, args, { PATH: process.env['PATH'] }, formatExport(c.format, creds));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual([...VALUES, c.exported ? '4' : '0']);
    });
  }
  // cmd.exe exists only on Windows: windows-cmd is checked against the AWS CLI's bytes below.
  console.warn('SKIPPED: windows-cmd in cmd.exe: no cmd.exe on this machine (its bytes are compared with the AWS CLI below)');
});

const AWS_V2 = '/usr/bin/aws';
const awsFormats = (): string =>
  existsSync(AWS_V2)
    ? execFileSync(AWS_V2, ['configure', 'export-credentials', 'help'], { encoding: 'utf8', env: { ...process.env, AWS_PAGER: '', PAGER: 'cat' } })
    : '';

describe('export formats byte for byte as aws configure export-credentials prints them', () => {
  const help = awsFormats().replace(/.\x08/g, '');
  if (help === '') console.warn(`SKIPPED: the AWS CLI oracle: ${AWS_V2} is not installed`);
  const formats: ExportFormat[] = ['process', 'env', 'env-no-export', 'powershell', 'windows-cmd', 'fish'];
  for (const format of formats) {
    const known = help.includes(`o ${format} `) || help.includes(`${format} -`);
    if (help !== '' && !known)
      console.warn(`SKIPPED: ${format} against the AWS CLI: ${AWS_V2} (${help === '' ? 'missing' : 'this version'}) has no --format ${format}`);
    it.skipIf(!known)(format, async () => {
      // A credential_process that hands the CLI exactly our session: the CLI then formats it itself.
      const dir = mkdtempSync(join(tmpdir(), 'touchrole-oracle-'));
      const json = JSON.stringify({
        Version: 1,
        AccessKeyId: creds.accessKeyId,
        SecretAccessKey: creds.secretAccessKey,
        SessionToken: creds.sessionToken,
        Expiration: '2099-12-02T21:29:19Z',
      });
      writeFileSync(join(dir, 'creds.json'), json);
      writeFileSync(join(dir, 'config'), `[profile oracle]\ncredential_process = cat ${join(dir, 'creds.json')}\n`);
      const env = { PATH: process.env['PATH'], HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
      const r = await runProcess(AWS_V2, ['configure', 'export-credentials', '--profile', 'oracle', '--format', format], env);
      expect(r.stderr).toBe('');
      expect(formatExport(format, creds)).toBe(r.stdout);
    });
  }
});
