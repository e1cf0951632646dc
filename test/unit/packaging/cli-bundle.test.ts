// SPDX-License-Identifier: MIT
// The npm command runs from the esbuild bundles in dist/bundle (scripts/build-cli.mjs, built by
// npm run build): credential_process and exec cache hits from hot.js alone, loading no other
// bundle and none of the modules they do not need; the other session commands from session.js,
// without IAM or the emulators; everything else from cli.js; errors name source lines through
// the maps.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RACY_MS } from '../../../src-main/core/hot-path/inputs-memo';
import { callerIdentity, SessionCache } from '../../../src-main/core/sessions';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin', 'touchrole.js');
const CONFIG =
  '[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\nregion = eu-west-1\n[profile base]\naws_access_key_id = AKIABASE\n';

async function homeWithCachedSession(): Promise<NodeJS.ProcessEnv> {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-bundle-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), CONFIG);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    TOUCHROLE_CACHE_DIR: join(home, 'cache'),
    TOUCHROLE_CONFIG_DIR: join(home, 'cfg'),
    TOUCHROLE_AGENT_SOCKET: join(home, 'none.sock'),
  };
  const { fingerprint } = await callerIdentity(env, 'admin', { defaultDurationSeconds: 3600 });
  await new SessionCache({ dir: join(home, 'cache'), clock: { now: () => Date.now() } }).put(
    { kind: 'role-session', profile: 'admin' },
    {
      kind: 'role-session',
      profile: 'admin',
      fingerprint: fingerprint ?? '',
      accessKeyId: 'ASIABUNDLE',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: Date.now() + 3_600_000,
    },
  );
  return env;
}

/**
 * bin/touchrole.js with a preload that reports, at exit, the files required, the node:* modules
 * loaded and, with `reads`, the files read with fs/promises readFile (wrapped before any bundle
 * captures it; the wrapping loads fs/promises).
 */
function runBin(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { reads?: boolean } = {},
): { status: number | null; stdout: string; stderr: string; loaded: { files: string[]; builtins: string[]; reads: string[] } } {
  const dir = mkdtempSync(join(tmpdir(), 'touchrole-preload-'));
  const preload = join(dir, 'report.cjs');
  const report = join(dir, 'report.json');
  writeFileSync(
    preload,
    `const reads = [];${
      options.reads === true
        ? ` const fsp = require('fs/promises'); const readFile = fsp.readFile;
    fsp.readFile = function (path, ...rest) { reads.push(String(path)); return readFile.call(this, path, ...rest); };`
        : ''
    }
    process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ files: Object.keys(require.cache),
      builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)), reads })));`,
  );
  const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { env, encoding: 'utf8' });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    loaded: JSON.parse(execFileSync('cat', [report], { encoding: 'utf8' })) as { files: string[]; builtins: string[]; reads: string[] },
  };
}

describe('the npm command from dist/bundle', () => {
  it('is built as five bundles with their source maps', () => {
    for (const name of ['start', 'hot', 'session', 'cli', 'agent']) {
      expect(existsSync(join(ROOT, 'dist/bundle', `${name}.js`)), `${name}.js (npm run build)`).toBe(true);
      expect(existsSync(join(ROOT, 'dist/bundle', `${name}.js.map`))).toBe(true);
    }
  });

  it('serves a credential_process cache hit from hot.js alone: no SDK, agent client (net), child_process or tty', async () => {
    const env = await homeWithCachedSession();
    const r = runBin(['credential-process', 'admin'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\{"Version":1,"AccessKeyId":"ASIABUNDLE",.*\}\n$/);
    const ours = r.loaded.files.filter((f) => f.startsWith(`${ROOT}/`)).map((f) => f.slice(ROOT.length + 1));
    expect(ours).toEqual(['bin/touchrole.js', 'dist/bundle/start.js']); // hot.js itself is compiled by start.js from V8's code cache
    expect(r.loaded.builtins.filter((m) => /^(net|tty|child_process|http|https)$/.test(m))).toEqual([]);
  });

  it('once the files are older than RACY_MS, answers from its memo: not even the file readers (fs/promises), node:module or node:os load', async () => {
    const env = await homeWithCachedSession();
    await new Promise((r) => setTimeout(r, RACY_MS + 200));
    expect(runBin(['credential-process', 'admin'], env).loaded.builtins).toContain('fs/promises'); // derives, writes the memo
    const r = runBin(['credential-process', 'admin'], env);
    expect(r.stdout).toContain('"AccessKeyId":"ASIABUNDLE"');
    // node:module and node:os: ~0.35 and ~0.2 ms of every start (src-main/core/paths/home.ts, hot-path/compile-cache.ts).
    expect(r.loaded.builtins.filter((m) => /fs\/promises|^(net|tty|child_process|module|os)$/.test(m))).toEqual([]);
  }, 15_000);

  it('prints the same bytes as the full command does', async () => {
    const env = await homeWithCachedSession();
    const fast = runBin(['credential-process', 'admin'], env).stdout;
    const script = `require(${JSON.stringify(join(ROOT, 'dist/bundle/cli.js'))}).main(['credential-process', 'admin'])`;
    expect(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })).toBe(fast);
  });

  it('runs `exec` with a cached session from hot.js, the session and region in the environment', async () => {
    const env = await homeWithCachedSession();
    const show = 'process.stdout.write([process.env.AWS_ACCESS_KEY_ID, process.env.AWS_REGION, process.env.TOUCHROLE_PROFILE].join(" "))';
    const r = runBin(['exec', 'admin', '--', process.execPath, '-e', show], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ASIABUNDLE eu-west-1 admin');
    expect(r.loaded.files.some((f) => f.endsWith('dist/bundle/cli.js'))).toBe(false);
    expect(r.loaded.builtins).not.toContain('http');
    expect(runBin(['exec', 'admin', '--', process.execPath, '-e', 'process.exit(7)'], env).status).toBe(7);
  });

  it('hands a miss, a flag or a nested exec to the full CLI, which explains it', async () => {
    const env = await homeWithCachedSession();
    const miss = spawnSync(process.execPath, [BIN, 'credential-process', 'nobody'], { env, encoding: 'utf8' });
    expect(miss.status).toBe(1);
    expect(miss.stderr).toContain('No AWS profile named "nobody"');
    const nested = spawnSync(process.execPath, [BIN, 'exec', 'admin', '--', 'true'], { env: { ...env, TOUCHROLE_PROFILE: 'outer' }, encoding: 'utf8' });
    expect(nested.stderr).toContain('already inside "touchrole exec"');
    const help = spawnSync(process.execPath, [BIN, 'agent', '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('touchrole agent');
  });

  it('runs the session commands from session.js (a miss of hot.js too), which carries neither IAM, the emulators nor the other commands', async () => {
    const env = await homeWithCachedSession();
    const v8 = join(env['TOUCHROLE_CACHE_DIR'] ?? '', 'v8');
    const whoami = runBin(['whoami', '--help'], env);
    expect(whoami.status).toBe(0);
    expect(whoami.stdout).toContain('Usage: touchrole whoami');
    expect(runBin(['credential-process', 'nobody'], env).status).toBe(1); // a miss: hot.js hands it to session.js
    // Each bundle start.js loads leaves its V8 code cache: session.js and hot.js ran, cli.js did not.
    expect(
      readdirSync(v8)
        .map((f) => f.replace(/-.*/, ''))
        .sort(),
    ).toEqual(['hot.js', 'session.js']);
    const sources = (name: string): string[] =>
      (JSON.parse(execFileSync('cat', [join(ROOT, 'dist/bundle', `${name}.js.map`)], { encoding: 'utf8' })) as { sources: string[] }).sources;
    const heavy = /client-iam\/|src-emulators\/|cli\/commands\/(demo|mfa-register|keys-rotate)\.ts/;
    expect(sources('session').filter((s) => heavy.test(s))).toEqual([]);
    expect(sources('cli').filter((s) => heavy.test(s)).length).toBeGreaterThan(3);
    expect(sources('session').some((s) => s.includes('client-sts/'))).toBe(true);
  });

  it('calls STS from session.js without loading node:http2, node:zlib (see scripts/lazy-builtins.mjs), node:child_process or node_modules', async () => {
    const env = await homeWithCachedSession();
    writeFileSync(join(env['HOME'] ?? '', '.aws', 'credentials'), '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n');
    // whoami elevates (no MFA for this role): the SDK loads and calls an endpoint that refuses the connection.
    const r = runBin(['whoami', 'admin'], { ...env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, { reads: true });
    expect(r.stderr).toContain('Cannot reach AWS STS');
    expect(r.loaded.builtins).toContain('https'); // the SDK's HTTP handler did load
    expect(r.loaded.builtins.filter((m) => /^(http2|zlib|child_process)$/.test(m))).toEqual([]);
    // What scripts/build-cli.mjs leaves out of session.js (NOT_IN_SESSION) is not needed: nothing loads from node_modules.
    expect(r.loaded.files.filter((f) => f.includes('/node_modules/'))).toEqual([]);
    // touchrole reads the AWS files once and hands the SDK the profile's settings: the SDK reads none of them again.
    const awsDir = join(env['HOME'] ?? '', '.aws');
    expect(r.loaded.reads.filter((f) => f.startsWith(awsDir)).sort()).toEqual([join(awsDir, 'config'), join(awsDir, 'credentials')]);
  });

  it('reports a command exec cannot start once, from hot.js', async () => {
    const env = await homeWithCachedSession();
    const r = spawnSync(process.execPath, [BIN, 'exec', 'admin', '--', 'no-such-command-touchrole'], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'touchrole: command not found: "no-such-command-touchrole" (check its name and PATH; no shell runs it, so aliases and functions do not work)',
    ]);
  });

  it.each(['cli', 'session', 'hot'])('names source lines in stack traces (%s.js, through its map)', (name) => {
    const script = `require(${JSON.stringify(join(ROOT, `dist/bundle/${name}.js`))}).main(null).catch((e) => process.stdout.write(e.stack))`;
    const stack = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(stack).toMatch(/^TypeError: .*\n {4}at .*\(src-main\/cli\/dispatch\.ts:\d+:\d+\)/);
    if (name === 'hot') expect(stack).toMatch(/\(src-main\/cli\/hot-entry\.ts:\d+:\d+\)/);
  });

  it('keeps V8 code caches per bundle in a 0700 folder of the cache, used only while no other user could have written them', async () => {
    const env = await homeWithCachedSession();
    const v8 = join(env['TOUCHROLE_CACHE_DIR'] ?? '', 'v8');
    expect(runBin(['credential-process', 'admin'], env).status).toBe(0);
    const [file, ...more] = readdirSync(v8);
    expect(more).toEqual([]);
    expect(file).toMatch(/^hot\.js-\d+-\d+-\d+-v\d+\.\d+\.\d+\.bin$/);
    expect(statSync(v8).mode & 0o777).toBe(0o700);
    expect(statSync(join(v8, file ?? '')).mode & 0o777).toBe(0o600);
    // Data another user could have written is code nobody vouches for: never used, even when V8 would take it (then compiled and written anew).
    chmodSync(join(v8, file ?? ''), 0o666);
    const r = runBin(['credential-process', 'admin'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"AccessKeyId":"ASIABUNDLE"');
    expect(statSync(join(v8, file ?? '')).mode & 0o777).toBe(0o600);
    // Data V8 rejects (corrupt, another Node) only costs a compile.
    writeFileSync(join(v8, file ?? ''), Buffer.alloc(4096, 7), { mode: 0o600 });
    expect(runBin(['credential-process', 'admin'], env).stdout).toContain('"AccessKeyId":"ASIABUNDLE"');
  });
});
