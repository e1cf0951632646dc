// SPDX-License-Identifier: MIT
// The built-in STS emulator driven by the real AWS CLI v2 (botocore's own signer and parser),
// with MFA codes from oathtool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/time/clock';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { cliHome, requireAwsCliV2, type CliProfile, type CliResult } from '../../support/aws-cli';
import { oathtoolTotp, randomSeedBase32, requireOathtool } from '../../support/oathtool';

const ROLE = 'arn:aws:iam::123456789012:role/admin';
const SERIAL = 'arn:aws:iam::123456789012:mfa/erin';

interface AssumeRoleJson {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  AssumedRoleUser: { Arn: string };
}

function json<T>(r: CliResult): T {
  if (r.status !== 0) throw new Error(`aws exited ${String(r.status)}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function sessionProfile(out: AssumeRoleJson): CliProfile {
  const c = out.Credentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

const assumeArgs = (code: string) => ['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'erin', '--serial-number', SERIAL, '--token-code', code];

describe('STS emulator with the AWS CLI v2', () => {
  const clock = new ManualClock(Date.now());
  const seed = randomSeedBase32();
  let emulator: StsEmulator;
  let erin: AddedUser;
  const homes: Array<{ remove(): void }> = [];

  beforeAll(async () => {
    requireAwsCliV2();
    requireOathtool();
    emulator = await startStsEmulator({ host: '127.0.0.1', clock });
    erin = emulator.addUser({ userName: 'erin' });
    emulator.addRole({ roleArn: ROLE, requireMfa: true });
    emulator.addMfaDevice({ serial: SERIAL, seedBase32: seed, userName: 'erin' });
  });
  afterAll(async () => {
    for (const h of homes) h.remove();
    await emulator?.stop();
  });

  const home = (profiles: Record<string, CliProfile>) => {
    const h = cliHome(profiles);
    homes.push(h);
    return h;
  };

  it('answers get-caller-identity for long-term keys', async () => {
    const cli = home({ erin: erin });
    const id = json<{ Arn: string; Account: string; UserId: string }>(await cli.run(emulator.url, 'erin', ['sts', 'get-caller-identity']));
    expect(id).toEqual({ Arn: 'arn:aws:iam::123456789012:user/erin', Account: '123456789012', UserId: erin.userId });
  });

  it('refuses a wrong secret and an unknown key', async () => {
    const cli = home({
      wrong: { accessKeyId: erin.accessKeyId, secretAccessKey: `${erin.secretAccessKey}x` },
      unknown: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' },
    });
    const wrong = await cli.run(emulator.url, 'wrong', ['sts', 'get-caller-identity']);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation');
    const unknown = await cli.run(emulator.url, 'unknown', ['sts', 'get-caller-identity']);
    expect(unknown.stderr).toContain(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
  });

  it('assumes the MFA role with an oathtool code, refuses the code the second time, and the session works until it expires', async () => {
    const cli = home({ erin: erin });
    const noCode = await cli.run(emulator.url, 'erin', ['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'erin']);
    expect(noCode.stderr).toContain(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/erin is not authorized',
    );

    const code = await oathtoolTotp({ secret: { base32: seed }, atMs: clock.now() });
    const out = json<AssumeRoleJson>(await cli.run(emulator.url, 'erin', [...assumeArgs(code), '--duration-seconds', '900']));
    expect(out.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/admin/erin');
    expect(Date.parse(out.Credentials.Expiration)).toBe(Math.floor(clock.now() / 1000) * 1000 + 900_000);

    const reused = await cli.run(emulator.url, 'erin', assumeArgs(code));
    expect(reused.stderr).toContain(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );

    const session = home({ admin: sessionProfile(out) });
    const id = json<{ Arn: string }>(await session.run(emulator.url, 'admin', ['sts', 'get-caller-identity']));
    expect(id.Arn).toBe('arn:aws:sts::123456789012:assumed-role/admin/erin');

    clock.advance(901_000);
    const expired = await session.run(emulator.url, 'admin', ['sts', 'get-caller-identity']);
    expect(expired.status).not.toBe(0);
    expect(expired.stderr).toContain(
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    );
  });

  it('serves IAM to the CLI: list-mfa-devices and get-session-token with MFA', async () => {
    const cli = home({ erin: erin });
    const devices = json<{ MFADevices: Array<{ SerialNumber: string; UserName: string }> }>(await cli.run(emulator.url, 'erin', ['iam', 'list-mfa-devices']));
    expect(devices.MFADevices.map((d) => d.SerialNumber)).toEqual([SERIAL]);

    clock.advance(30_000); // a fresh time step: the last code was spent
    const out = json<{ Credentials: { AccessKeyId: string } }>(
      await cli.run(emulator.url, 'erin', [
        'sts',
        'get-session-token',
        '--serial-number',
        SERIAL,
        '--token-code',
        await oathtoolTotp({ secret: { base32: seed }, atMs: clock.now() }),
      ]),
    );
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
  });
});
