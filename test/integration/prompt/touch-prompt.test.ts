// SPDX-License-Identifier: MIT
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, childEnv } from '../vault/bundle-child';

// The prompt must reach the user when the AWS CLI captures credential_process's output, so
// these run a real child whose stdout/stderr go to files, on a real pseudo-terminal or with
// no terminal at all.
const DRIVER = join(__dirname, 'pty-driver.py');
const MESSAGE = 'Touch your YubiKey (serial 1234567) to elevate to prod-admin [arn:aws:iam::123456789012:mfa/alice]';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

function requireTool(name: string): void {
  if (!['/usr/bin', '/bin', '/usr/local/bin'].some((d) => existsSync(join(d, name)))) {
    throw new Error(`${name} is required by this test (install it: python3, util-linux setsid, dbus, libnotify-bin)`);
  }
}

/** A notify-send stand-in that records its arguments (NUL-separated, one call per line) and prints an id. */
function fakeNotifySend(dir: string, behaviour: 'record' | 'hang'): string {
  const log = join(dir, 'notify-send.log');
  const script =
    behaviour === 'hang'
      ? '#!/bin/sh\nexec sleep 30\n'
      : `#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a"; done >> '${log}'\necho >> '${log}'\ncase " $* " in *" --print-id "*) echo 42;; esac\n`;
  writeFileSync(join(dir, 'notify-send'), script);
  chmodSync(join(dir, 'notify-send'), 0o755);
  return log;
}

const calls = (log: string): string[][] =>
  readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\u001f').filter((a) => a !== ''));

let child = '';
beforeAll(async () => {
  if ((await run('python3', ['--version'])).code !== 0) throw new Error('python3 is required by this test (for its pty module)');
  for (const tool of ['setsid', 'dbus-run-session']) requireTool(tool);
  child = await bundleChild(join(__dirname, 'prompt-child.ts'));
});

describe('touch prompt on the controlling terminal', () => {
  it('appears on the terminal and not in the redirected stdout/stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-pty-'));
    const out = join(dir, 'stdout');
    const err = join(dir, 'stderr');
    const r = await run('python3', [DRIVER, '--', 'sh', '-c', `exec "$0" "$1" touch >"$2" 2>"$3"`, process.execPath, child, out, err], childEnv(process.env));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`touchrole: ${MESSAGE}... ok`);
    expect(readFileSync(out, 'utf8')).toMatch(/^child finished in \d+ ms\n$/);
    expect(readFileSync(err, 'utf8')).toBe('');
  });

  it('says when the touch timed out', async () => {
    const r = await run('python3', [DRIVER, '--', 'sh', '-c', `exec "$0" "$1" timeout >/dev/null 2>&1`, process.execPath, child], childEnv(process.env));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${MESSAGE}... timed out`);
  });
});

describe('touch prompt as a desktop notification when there is no terminal', () => {
  it('runs notify-send with the prompt, then replaces it when the touch arrives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-notify-'));
    const log = fakeNotifySend(dir, 'record');
    // setsid: a new session without a controlling terminal, as under launchd/systemd or the AWS CLI in CI.
    const env = childEnv({ ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}` });
    const r = await run('setsid', ['-w', process.execPath, child, 'touch'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const [waiting, done, ...rest] = calls(log);
    expect(waiting).toEqual([
      '--app-name=touchrole',
      '--urgency=critical',
      '--expire-time=60000',
      '--print-id',
      'Touch your YubiKey',
      'To elevate to prod-admin (serial 1234567): arn:aws:iam::123456789012:mfa/alice',
    ]);
    expect(done).toEqual(['--app-name=touchrole', '--replace-id=42', '--transient', '--expire-time=2000', 'YubiKey touched']);
    expect(rest).toEqual([]);
  });

  it('replaces it with a timeout notice on timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-notify-'));
    const log = fakeNotifySend(dir, 'record');
    const env = childEnv({ ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}` });
    expect((await run('setsid', ['-w', process.execPath, child, 'timeout'], env)).code).toBe(0);
    expect(calls(log)[1]).toEqual([
      '--app-name=touchrole',
      '--replace-id=42',
      '--expire-time=10000',
      'YubiKey touch timed out',
      'Nothing was changed; try again.',
    ]);
  });

  it('does not hold up the caller when notify-send hangs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-notify-'));
    fakeNotifySend(dir, 'hang');
    const env = childEnv({ ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}`, PROMPT_NOTIFY_TIMEOUT_MS: '500' });
    const r = await run('setsid', ['-w', process.execPath, child, 'touch'], env);
    expect(r.code, r.stderr).toBe(0);
    const ms = Number(/finished in (\d+) ms/.exec(r.stdout)?.[1]);
    expect(ms).toBeLessThan(3_000);
  });

  it('does not crash or block with the real notify-send and no notification daemon', async () => {
    requireTool('notify-send');
    const env = { ...process.env };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    const r = await run('setsid', ['-w', 'dbus-run-session', '--', process.execPath, child, 'touch'], childEnv(env));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/child finished in \d+ ms/);
    expect(Number(/finished in (\d+) ms/.exec(r.stdout)?.[1])).toBeLessThan(10_000);
  });

  it('does not fail when notify-send is not installed at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-nopath-'));
    const env = childEnv({ ...process.env, PATH: dir });
    const r = await run('/usr/bin/setsid', ['-w', process.execPath, child, 'touch'], env);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('secret input on a terminal', () => {
  it('reads the secret without echoing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-secret-'));
    const result = join(dir, 'result.json');
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const r = await run(
      'python3',
      [DRIVER, '--after', 'Secret access key: ', '--send', `${secret}\r`, '--', process.execPath, child, 'secret', result],
      childEnv(process.env),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Secret access key: ');
    expect(r.stdout).not.toContain(secret);
    expect(r.stdout).not.toContain(secret.slice(0, 4));
    expect(JSON.parse(readFileSync(result, 'utf8'))).toEqual({ length: secret.length, secret });
  });
});
