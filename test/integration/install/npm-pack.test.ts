// SPDX-License-Identifier: MIT
// Installing as a user does: `npm pack`, then `npm install -g` of the tarball into an empty prefix
// (the npm registry for the dependencies, native modules built on the spot), and then the
// INSTALLED `touchrole`: --version, the demo, and a credential_process the AWS CLI v2 runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempUser, REPO, runProcess } from '../../support/cli-harness';
import { createAssumableRoles, MOTO_ACCOUNT, MOTO_KEYS, startMoto, type Moto } from '../../support/moto';
import { waitForCard } from '../../support/pcscd';
import { testVpcdPort, VirtualYubiKey } from '../../support/virtual-yubikey';

const AWS_V2 = '/usr/bin/aws';
const ACCOUNT = MOTO_ACCOUNT;
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let prefix: string;
let touchrole: string;
let installLog: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'touchrole-pack-'));
  // dist/ is built by `npm test` before the tests run; prepack would rebuild it under running tests.
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir, REPO], { cwd: dir, encoding: 'utf8' });
  const tarball = join(dir, `touchrole-${VERSION}.tgz`);
  prefix = join(dir, 'prefix');
  // Native modules build against the headers Node's own package installed (as scripts/setup.sh does).
  const nodedir = dirname(dirname(process.execPath));
  const r = await runProcess(
    'npm',
    ['install', '-g', '--allow-scripts=keytar,node-hid,smartcard', '--prefix', prefix, tarball],
    { ...process.env, npm_config_nodedir: process.env['npm_config_nodedir'] ?? nodedir },
    '',
    240_000,
    dir,
  );
  installLog = r.stdout + r.stderr;
  if (r.code !== 0) throw new Error(`npm install -g failed (${r.code}):\n${installLog}`);
  touchrole = join(prefix, 'bin', 'touchrole');
}, 300_000);

describe('the npm package, installed with npm install -g', () => {
  it('ships only what the command needs, and installs without engine warnings on this Node', () => {
    const pkgDir = join(prefix, 'lib', 'node_modules', 'touchrole');
    expect(readdirSync(pkgDir).sort()).toEqual(['README.md', 'bin', 'dist', 'docs', 'node_modules', 'package.json']);
    expect(readdirSync(join(pkgDir, 'dist')).sort()).toEqual(['bundle', 'src-main']);
    // The command is the five bundles of scripts/build-cli.mjs, with the maps that make stack traces name source lines.
    expect(readdirSync(join(pkgDir, 'dist', 'bundle')).sort()).toEqual([
      'agent.js',
      'agent.js.map',
      'cli.js',
      'cli.js.map',
      'hot.js',
      'hot.js.map',
      'session.js',
      'session.js.map',
      'start.js',
      'start.js.map',
    ]);
    // The desktop app is its own deliverable (electron-builder): its main file comes along because
    // package.json's main names it (npm always ships main), but nothing it loads, nor Electron.
    expect(readdirSync(join(pkgDir, 'dist', 'src-main'))).toEqual(['app']);
    expect(readdirSync(join(pkgDir, 'dist', 'src-main', 'app'))).toEqual(['main.js']);
    expect(existsSync(join(pkgDir, 'node_modules', 'electron'))).toBe(false);
    expect(existsSync(join(pkgDir, 'node_modules', 'electron-builder'))).toBe(false);
    expect(installLog).not.toMatch(/EBADENGINE|npm warn/i);
  });

  it('puts a working touchrole on PATH', async () => {
    const r = await runProcess(touchrole, ['--version'], { PATH: process.env['PATH'] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`touchrole ${VERSION}`);
  });

  it('runs the demo (virtual YubiKey, built-in STS, AWS CLI v2)', async () => {
    const user = makeTempUser();
    const r = await runProcess(touchrole, ['demo', '--builtin', '--json'], user.env, '', 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { awsCli: { arn: string } | null }).awsCli?.arn).toMatch(/:assumed-role\/DemoAdmin\//);
  }, 150_000);
});

describe('the installed command as the AWS CLI v2 credential_process', () => {
  let moto: Moto;
  let key: VirtualYubiKey;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    await createAssumableRoles(moto, ['Installed']);
    key = await VirtualYubiKey.start({
      port: testVpcdPort(),
      credentials: [{ issuer: 'AWS', name: MFA, secret: Buffer.from('12345678901234567890'), touch: true }],
      touch: { kind: 'auto', delayMs: 100 },
    });
    await waitForCard(key.readerName, true);
  }, 120_000);

  afterAll(async () => {
    await key?.stop();
    await moto?.stop();
  });

  it('serves the role session to aws sts get-caller-identity', async () => {
    const config =
      `[profile dev]\nregion = us-east-1\n\n[profile admin]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Installed\nsource_profile = dev\nmfa_serial = ${MFA}\n\n` +
      `[profile admin-cp]\ncredential_process = ${touchrole} credential-process admin\nregion = us-east-1\n`;
    const user = makeTempUser(
      { config, credentials: `[dev]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n` },
      { AWS_ENDPOINT_URL_STS: moto.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    );
    const who = await runProcess(
      AWS_V2,
      ['sts', 'get-caller-identity', '--profile', 'admin-cp', '--endpoint-url', moto.url, '--output', 'json'],
      user.env,
      '',
      120_000,
    );
    expect(who.code, who.stderr).toBe(0);
    expect((JSON.parse(who.stdout) as { Arn: string }).Arn).toMatch(/:assumed-role\/Installed\//);
    // The second call is a cache hit, served by the installed hot.js without a touch.
    const touches = key.touchRequests;
    const again = await runProcess(touchrole, ['credential-process', 'admin'], user.env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ Version: 1 });
    expect(key.touchRequests).toBe(touches);
  }, 150_000);
});
