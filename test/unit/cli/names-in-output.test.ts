// SPDX-License-Identifier: MIT
// Profile names are whatever ~/.aws/config says: "__proto__" must index data like any name, and
// ESC sequences or line breaks in names and ARNs must reach the terminal escaped.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/in-process-cli';

const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;

/** A user whose profiles are named like Object.prototype keys; IAM answers nothing (a closed port). */
function user(config: string, credentials: string): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-names-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), credentials);
  return {
    HOME: home,
    TOUCHROLE_CACHE_DIR: join(home, 'cache'),
    TOUCHROLE_STATE_DIR: join(home, 'state'),
    TOUCHROLE_CONFIG_DIR: join(home, 'cfg'),
    TOUCHROLE_AGENT_SOCKET: join(home, 'agent.sock'),
    TOUCHROLE_KEYCHAIN_SERVICE: 'touchrole-test-none',
    AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:1',
    AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1',
  };
}

const protoUser = (expiredSession = false): NodeJS.ProcessEnv =>
  user(
    [
      '[profile constructor]\nregion = us-east-1\n',
      '[profile __proto__]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = constructor\n',
      '[profile toString]\nrole_arn = arn:aws:iam::111122223333:role/Read\nsource_profile = __proto__\n',
      '[profile hasOwnProperty]\nregion = eu-west-1\n',
    ].join('\n'),
    [
      '[constructor]\naws_access_key_id = AKIAEXAMPLEPROTO0001\naws_secret_access_key = s1\n',
      '[hasOwnProperty]\naws_access_key_id = AKIAEXAMPLEPROTO0002\naws_secret_access_key = s2\n',
      ...(expiredSession
        ? [
            '[__proto__-touchrole]\n# managed by touchrole; expires 2020-01-01T00:00:00.000Z\n' +
              'aws_access_key_id = ASIAOLD\naws_secret_access_key = x\naws_session_token = y\n',
          ]
        : []),
    ].join('\n'),
  );

describe('profiles named like Object.prototype keys', () => {
  it('profiles lists each one, in text and in --json', async () => {
    const env = protoUser();
    const text = await cliInProcess(['profiles'], env);
    expect(text.code, text.stderr).toBe(0);
    for (const n of PROTO_NAMES) expect(text.stdout).toMatch(new RegExp(`^${n}\\s`, 'm'));
    const json = await cliInProcess(['profiles', '--json'], env);
    const report = JSON.parse(json.stdout) as { profiles: Record<string, unknown>; touchrole: Record<string, { kind: string; roleChain: string[] | null }> };
    expect(Object.keys(report.profiles)).toEqual([...PROTO_NAMES]);
    expect(Object.keys(report.touchrole)).toEqual([...PROTO_NAMES]);
    expect(report.touchrole['toString']).toMatchObject({ kind: 'role', roleChain: ['__proto__', 'toString'] });
  });

  it('status, keys age, clean and end work with them', async () => {
    const env = protoUser(true);
    // The session section holds temporary keys: not a key to report the age of.
    const ages = JSON.parse((await cliInProcess(['keys', 'age', '--json'], env)).stdout) as { keys: Array<{ profile: string }> };
    expect(ages.keys.map((k) => k.profile)).toEqual(['constructor', 'hasOwnProperty']);
    const clean = await cliInProcess(['clean', '--json'], env);
    expect(JSON.parse(clean.stdout)).toMatchObject({ removed: ['__proto__-touchrole'] });
    const status = await cliInProcess(['status', '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const age = await cliInProcess(['keys', 'age', '--json'], env);
    expect(age.code, age.stderr).toBe(0);
    expect((JSON.parse(age.stdout) as { keys: Array<{ profile: string; accessKeyId: string }> }).keys.map((k) => [k.profile, k.accessKeyId])).toEqual([
      ['constructor', 'AKIAEXAMPLEPROTO0001'],
      ['hasOwnProperty', 'AKIAEXAMPLEPROTO0002'],
    ]);
    // The second run reads the state file the first wrote.
    expect((await cliInProcess(['keys', 'age'], env)).code).toBe(0);
    for (const n of PROTO_NAMES) {
      const end = await cliInProcess(['end', n, '--json'], env);
      expect(end.code, end.stderr).toBe(0);
      expect(JSON.parse(end.stdout)).toEqual({ profile: n, removed: false });
    }
  });

  it('elevate plans the chain of __proto__ and toString (and fails only at STS, which is not there)', async () => {
    const env = protoUser();
    const r = await cliInProcess(['elevate', 'toString', '--json'], env);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toMatch(/^sts-/);
  });
});

describe('control characters in names and ARNs', () => {
  const ESC = '\u001b';
  const evilUser = (): NodeJS.ProcessEnv =>
    user(`[profile red${ESC}[31m]\nrole_arn = arn:aws:iam::111122223333:role/${ESC}]0;pwned${ESC}\\\\\nregion = us-east-1\n`, '');

  it('profiles prints them escaped; --json keeps them exact', async () => {
    const env = evilUser();
    const text = await cliInProcess(['profiles'], env);
    expect(text.stdout).not.toContain(ESC);
    expect(text.stdout).toContain('red\\x1b[31m');
    expect(text.stdout).toContain('role/\\x1b]0;pwned\\x1b\\\\');
    const json = JSON.parse((await cliInProcess(['profiles', '--json'], env)).stdout) as { profiles: Record<string, unknown> };
    expect(Object.keys(json.profiles)).toEqual([`red${ESC}[31m`]);
  });

  it('a name with ESC and a newline is escaped on stdout and in the one error line on stderr', async () => {
    const env = evilUser();
    const end = await cliInProcess(['end', `red${ESC}[31m\nforged line`], env);
    expect(end.stdout).toBe('No session of red\\x1b[31m\\nforged line in the credentials file (its cached copy, if any, is gone)\n');
    const elevate = await cliInProcess(['elevate', `nope${ESC}[2J\nforged`], env);
    expect(elevate.code).toBe(1);
    expect(elevate.stderr).not.toContain(ESC);
    expect(elevate.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(elevate.stderr).toContain('nope\\x1b[2J\\nforged');
  });
});
