// SPDX-License-Identifier: MIT
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/in-process-cli';
import { registry } from '../../../src-main/cli/registry';
import { callerIdentity, SessionCache } from '../../../src-main/core/sessions';
import { loadSettings } from '../../../src-main/core/settings/load-settings';

const cli = (argv: string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof cliInProcess> => cliInProcess(argv, env);

describe('touchrole CLI', () => {
  it('lists every command in help, each loadable with its own help', async () => {
    const r = await cli(['help']);
    expect(r.code).toBe(0);
    for (const e of registry) {
      expect(r.stdout).toContain(e.path.join(' '));
      const def = await e.load();
      expect(def.path).toEqual(e.path);
      expect((await cli([...e.path, '--help'])).stdout).toContain(`Usage: touchrole ${e.path.join(' ')}`);
    }
  });

  it('exits 2 with one line for an unknown command or a bad option', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const badOption = await cli(['status', '--bogus']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/bogus/);
    const missingArg = await cli(['elevate']);
    expect(missingArg.code).toBe(2);
    expect(missingArg.stderr).toMatch(/usage: touchrole elevate <profile>/);
  });

  it('prints errors as JSON on stdout with --json, with the same exit code', async () => {
    const r = await cli(['elevate', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('prints its version', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^touchrole \d+\.\d+\.\d+\n$/);
  });
});

describe('credential-process cache hit (the hot path)', () => {
  const MFA = 'arn:aws:iam::111111111111:mfa/a';
  const configOf = (env: NodeJS.ProcessEnv): string => join(env['HOME'] ?? '', '.aws', 'config');
  const CONFIG = '[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\n[profile base]\naws_access_key_id = AKIABASE\n';

  /** A home with an AWS config and a cached session for `admin` made from it; returns the env the CLI runs with. */
  async function homeWithCachedSession(expiration: number): Promise<NodeJS.ProcessEnv> {
    const home = mkdtempSync(join(tmpdir(), 'touchrole-hot-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), CONFIG);
    const env = {
      PATH: process.env['PATH'],
      HOME: home,
      TOUCHROLE_CACHE_DIR: join(home, 'cache'),
      TOUCHROLE_CONFIG_DIR: join(home, 'cfg'),
      TOUCHROLE_AGENT_SOCKET: join(home, 'none.sock'),
    };
    const { defaultDurationSeconds } = await loadSettings(env.TOUCHROLE_CONFIG_DIR);
    const { fingerprint } = await callerIdentity(env, 'admin', { defaultDurationSeconds });
    await new SessionCache({ dir: env.TOUCHROLE_CACHE_DIR, clock: { now: () => Date.now() } }).put(
      { kind: 'role-session', profile: 'admin' },
      {
        kind: 'role-session',
        profile: 'admin',
        fingerprint: fingerprint ?? '',
        accessKeyId: 'ASIAHOTPATH',
        secretAccessKey: 's',
        sessionToken: 't',
        expiration,
      },
    );
    return env;
  }

  /** The built CLI, as the AWS CLI runs it; it reports which modules it loaded. */
  function runBuiltCli(env: NodeJS.ProcessEnv): { code: number; out: string; modules: string[] } {
    const script = `
      const main = require(${JSON.stringify(join(__dirname, '../../../dist/src-main/cli/main.js'))});
      let out = '';
      const stdout = { write: (s) => { out += s; return true; } };
      const stderr = { write: () => true };
      main.runCli(['credential-process', 'admin'], { env: process.env, stdin: process.stdin, stdout, stderr, clock: { now: () => Date.now() } })
        .then((code) => process.stdout.write(JSON.stringify({ code, out, modules: Object.keys(require.cache) })));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })) as { code: number; out: string; modules: string[] };
  }

  it('serves a cached session loading no AWS SDK, PC/SC, HID or keychain module', async () => {
    const expiration = Date.now() + 3600_000;
    const result = runBuiltCli(await homeWithCachedSession(expiration));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ Version: 1, AccessKeyId: 'ASIAHOTPATH', SessionToken: 't', Expiration: new Date(expiration).toISOString() });
    const heavy = result.modules.filter((m) => /@aws-sdk|@smithy|smartcard|node-hid|keytar|[\\/]core[\\/](oath|sts|vault|service)[\\/]/.test(m));
    expect(heavy).toEqual([]);
  });

  it.each([
    ['role_arn edited', (env: NodeJS.ProcessEnv) => writeFileSync(configOf(env), CONFIG.replace('role/Admin', 'role/Other'))],
    ['mfa_serial added', (env: NodeJS.ProcessEnv) => writeFileSync(configOf(env), CONFIG.replace('base\n', `base\nmfa_serial = ${MFA}\n`))],
    [
      'another AWS_CONFIG_FILE',
      (env: NodeJS.ProcessEnv) => {
        const other = join(env['HOME'] ?? '', 'other-config');
        writeFileSync(other, CONFIG);
        env['AWS_CONFIG_FILE'] = other;
      },
    ],
  ])('does not serve the cached session once the inputs change (%s)', async (_, change) => {
    const env = await homeWithCachedSession(Date.now() + 3600_000);
    change(env);
    const result = runBuiltCli(env);
    // A miss: the CLI elevates itself, which needs keys it does not have here, instead of serving the old session.
    expect(result.out).not.toContain('ASIAHOTPATH');
    expect(result.code).not.toBe(0);
  });
});
