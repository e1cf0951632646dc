// SPDX-License-Identifier: MIT
// End to end, as a user: a temp HOME with ~/.aws files, gnome-keyring, the virtual YubiKey behind
// pcscd, moto_server as STS. `touchrole keys import` + `touchrole elevate`, then the real AWS CLI v2
// uses what touchrole wrote, directly and through credential_process.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection } from '../../src-main/core/agent';
import { makeTempUser, runProcess, runTouchrole, type TempUser, TOUCHROLE_BIN } from '../support/cli-harness';
import { requireSecretService } from '../support/gnome-keyring';
import { createAssumableRoles, MOTO_ACCOUNT, MOTO_KEYS, startMoto, type Moto } from '../support/moto';
import { waitForCard } from '../support/pcscd';
import { testVpcdPort, VirtualYubiKey } from '../support/virtual-yubikey';

const AWS_V2 = '/usr/bin/aws';
const ACCOUNT = MOTO_ACCOUNT;
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
const ROLES = Array.from({ length: 10 }, (_, i) => `Role${i}`);

let moto: Moto;
let key: VirtualYubiKey;
let user: TempUser;

function config(): string {
  const roles = ROLES.map(
    (r) => `[profile ${r.toLowerCase()}]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/${r}\nsource_profile = dev\nmfa_serial = ${MFA}\nregion = us-east-1\n`,
  ).join('\n');
  const credentialProcess = (profile: string, role: string): string =>
    `[profile ${profile}]\ncredential_process = ${process.execPath} ${TOUCHROLE_BIN} credential-process ${role}\nregion = us-east-1\n`;
  return `# my AWS config\n[profile dev]\nregion = us-east-1\n\n${roles}\n${credentialProcess('admin-cp', 'role9')}\n${credentialProcess('agent-cp', 'role8')}`;
}

/** Points `profile` at another role in ~/.aws/config, as a user editing the file would; returns the undo. */
function editRoleArn(profile: string, role: string): () => void {
  const path = join(user.awsDir, 'config');
  const before = readFileSync(path, 'utf8');
  const header = `[profile ${profile}]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/`;
  const at = before.indexOf(header);
  if (at < 0) throw new Error(`no profile ${profile} in the config`);
  const end = before.indexOf('\n', at + header.length);
  writeFileSync(path, `${before.slice(0, at)}${header}${role}${before.slice(end)}`);
  return () => writeFileSync(path, before);
}

async function aws(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runProcess(AWS_V2, [...args, '--endpoint-url', moto.url, '--output', 'json'], user.env);
}

beforeAll(async () => {
  if (!existsSync(AWS_V2)) throw new Error(`${AWS_V2} (AWS CLI v2, Debian package awscli) is required: run scripts/setup.sh`);
  requireSecretService();
  moto = await startMoto();
  await moto.reset();
  await createAssumableRoles(moto, ROLES);
  // The name as Yubico Authenticator users create it: issuer "AWS", the device ARN as the account.
  key = await VirtualYubiKey.start({
    port: testVpcdPort(),
    credentials: [
      { issuer: 'AWS', name: MFA, secret: Buffer.from('12345678901234567890'), touch: true },
      { issuer: 'GitHub', name: 'alice', secret: Buffer.from('abcdefghijabcdefghij') },
    ],
    touch: { kind: 'auto', delayMs: 300 },
  });
  await waitForCard(key.readerName, true);
  user = makeTempUser(
    {
      config: config(),
      credentials: `; long-term keys\r\n[dev]\r\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\r\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\r\n`,
    },
    { AWS_ENDPOINT_URL_STS: moto.url, AWS_ENDPOINT_URL_IAM: moto.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
}, 120_000);

afterAll(async () => {
  await key?.stop();
  await moto?.stop();
});

describe('touchrole end to end with the AWS CLI v2', () => {
  it('moves the long-term keys into the keychain, keeping every other byte', async () => {
    const r = await runTouchrole(['keys', 'import', 'dev'], user.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toBe('; long-term keys\r\n[dev]\r\n');
  });

  it('lists the YubiKey and marks the AWS MFA credential', async () => {
    const r = await runTouchrole(['yubikey', 'list', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as { keys: Array<{ credentials: Array<{ id: string; awsMfaArn?: string }> }> };
    const creds = listed.keys.flatMap((k) => k.credentials);
    expect(creds.find((c) => c.awsMfaArn === MFA)?.id).toBe(`AWS:${MFA}`);
  });

  it('elevates with one touch and the AWS CLI uses the written profile', async () => {
    const r = await runTouchrole(['elevate', 'role0', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { profile: string; writtenProfile: string; roleArn: string; expiration: string };
    expect(out).toMatchObject({ profile: 'role0', writtenProfile: 'role0-touchrole', roleArn: `arn:aws:iam::${ACCOUNT}:role/Role0` });
    expect(Date.parse(out.expiration)).toBeGreaterThan(Date.now() + 50 * 60_000);

    const who = await aws(['sts', 'get-caller-identity', '--profile', 'role0-touchrole', '--region', 'us-east-1']);
    expect(who.code, who.stderr).toBe(0);
    expect((JSON.parse(who.stdout) as { Arn: string }).Arn).toMatch(new RegExp(`:assumed-role/Role0/`));
  });

  it('serves credential_process to the AWS CLI (no terminal, stderr captured)', async () => {
    const who = await aws(['sts', 'get-caller-identity', '--profile', 'admin-cp']);
    expect(who.code, who.stderr).toBe(0);
    expect((JSON.parse(who.stdout) as { Arn: string }).Arn).toMatch(/:assumed-role\/Role9\//);
    // The cache hit: same session again, without elevating.
    const again = await runTouchrole(['credential-process', 'role9'], user.env);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.any(String), SessionToken: expect.any(String) });
  });

  it('after role_arn is edited, credential_process serves the NEW role to the AWS CLI, not the cached session', async () => {
    const arn = async (): Promise<string> => {
      const who = await aws(['sts', 'get-caller-identity', '--profile', 'admin-cp']);
      expect(who.code, who.stderr).toBe(0);
      return (JSON.parse(who.stdout) as { Arn: string }).Arn;
    };
    expect(await arn()).toMatch(/:assumed-role\/Role9\//); // the cached session
    const undo = editRoleArn('role9', 'Role5');
    try {
      expect(await arn()).toMatch(/:assumed-role\/Role5\//);
      expect(await arn()).toMatch(/:assumed-role\/Role5\//); // now cached for the new role
    } finally {
      undo();
    }
    expect(await arn()).toMatch(/:assumed-role\/Role9\//);
  });

  it('serves credential_process through a running agent, which sees a session elevated in a terminal at once', async () => {
    const agent = spawn(process.execPath, [TOUCHROLE_BIN, 'agent'], { env: user.env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let log = '';
      agent.stdout.on('data', (d: Buffer) => (log += d.toString()));
      await expect.poll(() => log, { timeout: 15_000 }).toContain('agent listening on');
      // The CLI run by the AWS CLI cannot read the keychain itself (no D-Bus session): only the agent can answer.
      // (Its environment otherwise resolves profiles as the agent's does, or the agent would decline.)
      const viaAgent = async (): Promise<string> => {
        const who = await runProcess(AWS_V2, ['sts', 'get-caller-identity', '--profile', 'agent-cp', '--endpoint-url', moto.url, '--output', 'json'], {
          ...user.env,
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/touchrole-no-bus',
        });
        expect(who.code, who.stderr).toBe(0);
        return (JSON.parse(who.stdout) as { Arn: string }).Arn;
      };
      expect(await viaAgent()).toMatch(/:assumed-role\/Role8\//);
      // role_arn edited while the agent holds the session in memory: the agent serves the new role.
      const undo = editRoleArn('role8', 'Role4');
      try {
        expect(await viaAgent()).toMatch(/:assumed-role\/Role4\//);
      } finally {
        undo();
      }

      // `touchrole elevate` in a terminal tells the agent, whose subscribers (the tray) see the session at once.
      const tray = await AgentConnection.open({ socketPath: user.env['TOUCHROLE_AGENT_SOCKET'] ?? '' });
      if (tray === undefined) throw new Error('the agent is not reachable');
      const seen: string[][] = [];
      tray.onEvent((e) => e.event === 'sessions' && seen.push(e.data.sessions.map((s) => s.profile)));
      await tray.call('subscribe', {}, 5000);
      const elevated = await runTouchrole(['elevate', 'role7'], user.env);
      expect(elevated.code, elevated.stderr).toBe(0);
      await expect.poll(() => seen.at(-1), { timeout: 2000 }).toContain('role7');
      tray.close();
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('10 parallel elevations: all sections present, mode 0600, botocore parses the file', async () => {
    const runs = await Promise.all(ROLES.map((r) => runTouchrole(['elevate', r.toLowerCase(), '--json'], user.env, '', 180_000)));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const path = join(user.awsDir, 'credentials');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const parsed = JSON.parse(execFileSync('python3', [join(__dirname, '../support/aws-config/oracle.py'), '--credentials', path], { encoding: 'utf8' })) as {
      credentials: { ok: boolean; sections: Record<string, Record<string, string>> };
    };
    expect(parsed.credentials.ok).toBe(true);
    for (const r of ROLES) expect(parsed.credentials.sections[`${r.toLowerCase()}-touchrole`]?.['aws_session_token']).toBeTruthy();
    expect(readFileSync(path, 'utf8').startsWith('; long-term keys\r\n[dev]\r\n')).toBe(true);
    for (const r of ['role3', 'role7']) {
      const who = await aws(['sts', 'get-caller-identity', '--profile', `${r}-touchrole`, '--region', 'us-east-1']);
      expect(who.code, who.stderr).toBe(0);
    }
  });

  it('shows sessions with time left, and ends one', async () => {
    const status = await runTouchrole(['status', '--json'], user.env);
    expect(status.code, status.stderr).toBe(0);
    const sessions = (JSON.parse(status.stdout) as { sessions: Array<{ writtenProfile: string; secondsLeft: number }> }).sessions;
    expect(sessions.map((s) => s.writtenProfile)).toContain('role0-touchrole');
    expect(sessions.every((s) => s.secondsLeft > 3000)).toBe(true);
    const end = await runTouchrole(['end', 'role0'], user.env);
    expect(end.code, end.stderr).toBe(0);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).not.toContain('[role0-touchrole]');
  });

  it('refuses an unknown profile with one clear line and leaves the files alone', async () => {
    const before = readFileSync(join(user.awsDir, 'credentials'));
    const r = await runTouchrole(['elevate', 'nope'], user.env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope/);
    expect(readFileSync(join(user.awsDir, 'credentials')).equals(before)).toBe(true);
  });
});
