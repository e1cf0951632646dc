// SPDX-License-Identifier: MIT
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TouchroleError } from '../src-shared/errors';
import type { Clock } from '../src-shared/time/clock';
import { formatTimeLeft } from '../src-shared/time/format';
import { OathClient } from '../src-main/core/oath';
import type { TouchPrompter } from '../src-main/core/prompt';
import { composeCore } from '../src-main/core/service';
import { memoryKeychain, virtualKeyReaders } from './in-memory-devices';
import { onPath, startDemoAws } from './sts-backend';
import { VirtualYubiKey } from './virtual-yubikey';

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/DemoAdmin`;
const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/demo-user`;
const PROFILE = 'demo-admin';

export interface DemoOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  say: (line: string) => void;
  /** Use the built-in STS/IAM emulator even when moto_server is installed. */
  builtIn: boolean;
  /** Keep the demo's temporary HOME instead of deleting it. */
  keep: boolean;
}

export interface DemoReport {
  home: string | null;
  aws: string;
  profile: string;
  writtenProfile: string;
  roleArn: string | null;
  expiration: string;
  awsCli: { command: string; arn: string } | null;
  secondsLeft: number;
}

/**
 * The whole flow with no YubiKey and no AWS account: a virtual YubiKey in this process, a local
 * STS on loopback, an isolated HOME. The user's ~/.aws and keychain are never read or written.
 */
export async function runDemo(o: DemoOptions): Promise<DemoReport> {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-demo-'));
  const seed = new Uint8Array(randomBytes(20));
  const key = VirtualYubiKey.create({ credentials: [{ issuer: 'AWS', name: MFA_SERIAL, secret: seed, touch: true }], touch: { kind: 'auto', delayMs: 1200 } });
  const aws = await startDemoAws({ roleArn: ROLE_ARN, mfaSerial: MFA_SERIAL, seed }, o.env, o.clock, o.builtIn);
  try {
    o.say(`1. A virtual YubiKey holds the OATH credential "AWS:${MFA_SERIAL}" (touch required).`);
    o.say(`2. A local STS/IAM (${aws.kind}) listens on ${aws.url}; the demo's HOME is ${home}.`);
    const env = demoEnv(o.env, home, aws.url);
    writeAwsFiles(home, aws.keys);
    o.say(`3. ~/.aws/config has [profile ${PROFILE}] with role_arn, source_profile and mfa_serial.`);
    const keychain = memoryKeychain();
    const core = composeCore({
      env,
      clock: o.clock,
      prompter: demoPrompter(o.say),
      keychain,
      oath: async () => new OathClient({ readers: virtualKeyReaders(key), keychain }),
    });
    o.say(`4. touchrole elevate ${PROFILE}`);
    const s = await core.sessions.elevate(PROFILE, { write: true, reuseCached: false });
    const writtenProfile = s.writtenProfile ?? '';
    o.say(`   -> ${s.roleArn ?? 'session'} until ${s.expiration}, written to ~/.aws/credentials as [${writtenProfile}]:`);
    for (const line of redacted(readFileSync(join(home, '.aws', 'credentials'), 'utf8'), writtenProfile)) o.say(`      ${line}`);
    const awsCli = await callAwsCli(env, aws.url, writtenProfile, o.say);
    const left = Math.max(0, Math.floor(((await core.records.written()).find((x) => x.writtenProfile === writtenProfile)?.expiresAt ?? 0) - o.clock.now()));
    o.say(`6. touchrole status: ${writtenProfile} has ${formatTimeLeft(left)} left.`);
    o.say(o.keep ? `The demo HOME is kept at ${home}.` : 'Done: the demo HOME was deleted; nothing outside it was touched.');
    return {
      home: o.keep ? home : null,
      aws: aws.kind,
      profile: PROFILE,
      writtenProfile,
      roleArn: s.roleArn ?? null,
      expiration: s.expiration,
      awsCli,
      secondsLeft: Math.floor(left / 1000),
    };
  } finally {
    await aws.stop();
    if (!o.keep) rmSync(home, { recursive: true, force: true });
  }
}

function demoEnv(parent: NodeJS.ProcessEnv, home: string, url: string): NodeJS.ProcessEnv {
  // Built from scratch: AWS_PROFILE, AWS_ACCESS_KEY_ID and friends of the real user must not leak in.
  return {
    PATH: parent['PATH'],
    LANG: parent['LANG'] ?? 'C.UTF-8',
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_IAM: url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TOUCHROLE_CONFIG_DIR: join(home, 'touchrole', 'config'),
    TOUCHROLE_CACHE_DIR: join(home, 'touchrole', 'cache'),
    TOUCHROLE_STATE_DIR: join(home, 'touchrole', 'state'),
    TOUCHROLE_AGENT_SOCKET: join(home, 'touchrole', 'no-agent.sock'),
  };
}

function writeAwsFiles(home: string, keys: { accessKeyId: string; secretAccessKey: string }): void {
  mkdirSync(join(home, '.aws'), { mode: 0o700 });
  writeFileSync(
    join(home, '.aws', 'config'),
    `[profile demo]\nregion = us-east-1\n\n` +
      `[profile ${PROFILE}]\nrole_arn = ${ROLE_ARN}\nsource_profile = demo\nmfa_serial = ${MFA_SERIAL}\nregion = us-east-1\n`,
    { mode: 0o600 },
  );
  writeFileSync(
    join(home, '.aws', 'credentials'),
    `# the demo user's long-term keys\n[demo]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    { mode: 0o600 },
  );
}

function demoPrompter(say: (line: string) => void): TouchPrompter {
  return {
    waiting: async () => say('   Touch your YubiKey... (the virtual one touches itself in a second)'),
    done: async () => say('   Touched.'),
    timedOut: async () => say('   No touch in time.'),
  };
}

/** The written section with every secret value shortened: the demo prints what it wrote. */
function redacted(text: string, section: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`[${section}]`);
  const body = lines
    .slice(
      start,
      lines.findIndex((l, i) => i > start && l.startsWith('[')),
    )
    .filter((l) => l !== '');
  return body.map((l) => l.replace(/^(aws_secret_access_key|aws_session_token)\s*=\s*(.{6}).*$/, '$1 = $2... (hidden)'));
}

async function callAwsCli(env: NodeJS.ProcessEnv, url: string, profile: string, say: (line: string) => void): Promise<DemoReport['awsCli']> {
  const aws = ['/usr/bin/aws', onPath('aws', env)].find((p): p is string => p !== undefined && isAwsV2(p, env));
  if (!aws) {
    say('5. (No AWS CLI v2 found, so no `aws` call: install it to see the profile used by the CLI.)');
    return null;
  }
  const args = ['sts', 'get-caller-identity', '--profile', profile, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'];
  say(`5. aws ${args.join(' ')}`);
  const out = await run(aws, args, env);
  const arn = (JSON.parse(out) as { Arn: string }).Arn;
  say(`   -> ${arn}`);
  return { command: `aws ${args.join(' ')}`, arn };
}

function isAwsV2(path: string, env: NodeJS.ProcessEnv): boolean {
  try {
    return execFileSync(path, ['--version'], { env, encoding: 'utf8' }).startsWith('aws-cli/2');
  } catch {
    return false;
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new TouchroleError('sts-error', `The AWS CLI could not use the written profile: ${err.trim().split('\n').pop() ?? `exit ${code}`}`)),
    );
  });
}
