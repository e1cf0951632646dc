// SPDX-License-Identifier: MIT
// `touchrole exec` and `touchrole export` end to end: the real AWS CLI v2 as the child (plain
// and --server), `eval` of the env format in bash, and the JS SDK v3 across a renewal.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runProcess, runTouchrole, TOUCHROLE_BIN } from '../support/cli-harness';
import { startExecWorld, type ExecWorld } from '../support/exec-world';
import { MOTO_KEYS } from '../support/moto';

const AWS_V2 = '/usr/bin/aws';
let world: ExecWorld;

beforeAll(async () => {
  if (!existsSync(AWS_V2)) throw new Error(`${AWS_V2} (AWS CLI v2, Debian package awscli) is required: run scripts/setup.sh`);
  world = await startExecWorld();
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

const awsArgs = (): string[] => [AWS_V2, 'sts', 'get-caller-identity', '--endpoint-url', world.moto.url, '--output', 'json'];
const arnOf = (stdout: string): string => (JSON.parse(stdout) as { Arn: string }).Arn;

function envOf(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('touchrole exec with the AWS CLI v2 as the child', () => {
  it('plain: the CLI runs as the role, and the child env has the session but no selector or long-term key', async () => {
    // A parent shell that selects another profile and holds long-term keys: none of it may reach the child.
    const parent = {
      ...world.user.env,
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: MOTO_KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_KEYS.secretAccessKey,
      AWS_ROLE_ARN: 'x',
    };
    const who = await runTouchrole(['exec', 'role0', '--', ...awsArgs()], parent, '', 120_000);
    expect(who.code, who.stderr).toBe(0);
    expect(arnOf(who.stdout)).toMatch(/:assumed-role\/Role0\//);

    const env = await runTouchrole(['exec', 'role0', '--', '/usr/bin/env'], parent);
    expect(env.code, env.stderr).toBe(0);
    const vars = envOf(env.stdout);
    expect(vars.get('AWS_ACCESS_KEY_ID')).toMatch(/^ASIA/);
    expect(vars.get('AWS_SESSION_TOKEN')).toBeTruthy();
    expect(Date.parse(vars.get('AWS_CREDENTIAL_EXPIRATION') ?? '')).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect([vars.get('AWS_REGION'), vars.get('AWS_DEFAULT_REGION'), vars.get('TOUCHROLE_PROFILE')]).toEqual(['us-east-1', 'us-east-1', 'role0']);
    for (const gone of ['AWS_PROFILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) expect(vars.has(gone)).toBe(false);
    expect(env.stdout).not.toContain(MOTO_KEYS.accessKeyId);
    expect(env.stdout).not.toContain(MOTO_KEYS.secretAccessKey);
  });

  it('--server: the CLI resolves the session from the endpoint; no key is in the child env', async () => {
    const who = await runTouchrole(['exec', 'role0', '--server', '--', ...awsArgs()], world.user.env);
    expect(who.code, who.stderr).toBe(0);
    expect(arnOf(who.stdout)).toMatch(/:assumed-role\/Role0\//);

    const env = await runTouchrole(['exec', 'role0', '--server', '--', '/usr/bin/env'], world.user.env);
    expect(env.code, env.stderr).toBe(0);
    const vars = envOf(env.stdout);
    expect(vars.get('AWS_CONTAINER_CREDENTIALS_FULL_URI')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(Buffer.from(vars.get('AWS_CONTAINER_AUTHORIZATION_TOKEN') ?? '', 'base64url').length).toBeGreaterThanOrEqual(32);
    for (const gone of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']) expect(vars.has(gone)).toBe(false);
    expect(env.stdout).not.toMatch(/ASIA[A-Z0-9]{12,}/);
    expect(env.stdout).not.toContain(MOTO_KEYS.secretAccessKey);
  });
});

describe('touchrole export', () => {
  it('eval "$(touchrole export ... --format env)" gives bash a working session', async () => {
    const script = `eval "$("${process.execPath}" "${TOUCHROLE_BIN}" export role1 --format env)" && "${awsArgs().join('" "')}" --region us-east-1`;
    const r = await runProcess('/bin/bash', ['--norc', '-c', script], world.user.env, '', 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(arnOf(r.stdout)).toMatch(/:assumed-role\/Role1\//);
  });
});

describe('the JS SDK v3 inside exec --server', () => {
  it('gets credentials from the endpoint and keeps working across a renewal', async () => {
    // A 15-minute session renewed 14 minutes before it expires (refresh_minutes): the renewal comes after one minute.
    const configDir = mkdtempSync(join(tmpdir(), 'touchrole-settings-'));
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'settings.ini'), '[sessions]\nrefresh_minutes = 14\n');
    const child = join(configDir, 'sdk-child.cjs');
    writeFileSync(
      child,
      `const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(join(REPO, 'node_modules/@aws-sdk/client-sts'))});
const keys = new Set(); const arns = new Set(); const started = Date.now();
(async () => {
  while (keys.size < 2 && Date.now() - started < 150000) {
    // A new client each round: the SDK caches credentials until 5 minutes before they expire.
    const sts = new STSClient({ region: 'us-east-1', endpoint: process.env.MOTO_URL });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    keys.add((await sts.config.credentials()).accessKeyId); arns.add(who.Arn); sts.destroy();
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(JSON.stringify({ keys: [...keys], arns: [...arns] }));
})().catch((e) => { console.error(String(e)); process.exit(9); });
`,
    );
    const env = { ...world.user.env, TOUCHROLE_CONFIG_DIR: configDir, MOTO_URL: world.moto.url };
    const r = await runTouchrole(['exec', 'role2', '--server', '--duration', '15m', '--', process.execPath, child], env, '', 200_000);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { keys: string[]; arns: string[] };
    expect(out.keys.length).toBe(2);
    expect(out.arns.every((a) => /:assumed-role\/Role2\//.test(a))).toBe(true);
    expect(r.stderr).toMatch(/renewed the session for role2 until/);
  }, 240_000);
});
