// SPDX-License-Identifier: MIT
// `touchrole yubikey list|code|unlock` as a user runs them, against the virtual YubiKey behind the
// real pcscd and the real gnome-keyring; codes checked against oathtool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';
import { requireSecretService } from '../../support/gnome-keyring';
import { oathtoolTotp } from '../../support/oathtool';
import { waitForCard } from '../../support/pcscd';
import { testVpcdPort, VirtualYubiKey } from '../../support/virtual-yubikey';

const PASSWORD = 'hunter2 but longer';
const SECRET = Buffer.from('3132333435363738393031323334353637383930', 'hex');
const MFA = 'arn:aws:iam::123456789012:mfa/bob';
let key: VirtualYubiKey;
let user: TempUser;

beforeAll(async () => {
  requireSecretService();
  key = await VirtualYubiKey.start({
    port: testVpcdPort(),
    password: PASSWORD,
    credentials: [
      { issuer: 'AWS', name: MFA, secret: SECRET, algorithm: 'SHA256', digits: 8 },
      { issuer: 'GitHub', name: 'bob', secret: SECRET, period: 60 },
    ],
  });
  await waitForCard(key.readerName, true);
  user = makeTempUser();
}, 60_000);

afterAll(async () => {
  await key?.stop();
});

describe('touchrole yubikey', () => {
  it('lists a locked key without its credentials and says how to unlock', async () => {
    const r = await runTouchrole(['yubikey', 'list', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as { keys: Array<{ locked: boolean; credentials?: unknown }> };
    expect(listed.keys).toHaveLength(1);
    expect(listed.keys[0]).toMatchObject({ locked: true });
    expect(listed.keys[0]?.credentials).toBeUndefined();
    expect((await runTouchrole(['yubikey', 'list'], user.env)).stdout).toContain('touchrole yubikey unlock');
  });

  it('refuses a wrong password in one line, and a piped password without --password-stdin', async () => {
    const wrong = await runTouchrole(['yubikey', 'unlock', '--password-stdin'], user.env, 'not it\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/password/i);
    expect(wrong.stderr).not.toContain('not it');
    const piped = await runTouchrole(['yubikey', 'unlock'], user.env, `${PASSWORD}\n`);
    expect(piped.code).toBe(2);
  });

  it('unlocks once; later codes need no password and equal oathtool', async () => {
    const unlock = await runTouchrole(['yubikey', 'unlock', '--password-stdin', '--json'], user.env, `${PASSWORD}\n`);
    expect(unlock.code, unlock.stderr).toBe(0);
    expect(JSON.parse(unlock.stdout)).toMatchObject({ stored: true });
    let compared = false;
    for (let attempt = 0; attempt < 3 && !compared; attempt++) {
      const before = Date.now();
      const r = await runTouchrole(['yubikey', 'code', MFA, '--json'], user.env);
      expect(r.code, r.stderr).toBe(0);
      // Compare only when no 30 s step boundary passed during the call.
      if (Math.floor(before / 30_000) !== Math.floor(Date.now() / 30_000)) continue;
      const expected = await oathtoolTotp({ secret: SECRET, atMs: before, algorithm: 'SHA256', digits: 8 });
      expect((JSON.parse(r.stdout) as { code: string }).code).toBe(expected);
      compared = true;
    }
    expect(compared).toBe(true);
    const list = await runTouchrole(['yubikey', 'list', '--json'], user.env);
    const creds = (JSON.parse(list.stdout) as { keys: Array<{ credentials: Array<{ id: string; awsMfaArn?: string | null }> }> }).keys[0]?.credentials ?? [];
    expect(creds.map((c) => c.id).sort()).toEqual(['60/GitHub:bob', `AWS:${MFA}`]);
    expect(creds.find((c) => c.id.startsWith('AWS:'))?.awsMfaArn).toBe(MFA);
  });

  it('forgets the stored key, after which the key is locked again', async () => {
    const r = await runTouchrole(['yubikey', 'unlock', '--forget', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ removed: true });
    const code = await runTouchrole(['yubikey', 'code', 'GitHub:bob'], user.env);
    expect(code.code).toBe(1);
    expect(code.stderr).toMatch(/unlock/);
  });
});
