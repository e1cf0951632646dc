// SPDX-License-Identifier: MIT
// The built-in STS emulator driven by the real @aws-sdk/client-sts, with codes from oathtool.
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/time/clock';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { oathtoolTotp, randomSeedBase32, requireOathtool } from '../../support/oathtool';
import { sdkFailure } from '../../support/sdk-failure';

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;
const OPEN_ROLE = `arn:aws:iam::${ACCOUNT}:role/readonly`;
const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/alice`;

const sts = (emulator: StsEmulator, credentials: Keys): STSClient =>
  new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });

const keysOf = (user: AddedUser): Keys => ({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });

/** The AWS error a call failed with, as the SDK reports it. */
describe('STS emulator with @aws-sdk/client-sts', () => {
  let emulator: StsEmulator;
  let alice: AddedUser;
  const seed = randomSeedBase32();

  beforeAll(async () => {
    requireOathtool();
    emulator = await startStsEmulator({ host: '127.0.0.1' });
    alice = emulator.addUser({ userName: 'alice', accountId: ACCOUNT });
    emulator.addRole({ roleArn: ROLE, requireMfa: true, maxSessionSeconds: 7200 });
    emulator.addRole({ roleArn: OPEN_ROLE });
    emulator.addMfaDevice({ serial: SERIAL, seedBase32: seed, userName: 'alice' });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('answers GetCallerIdentity for long-term keys with the user', async () => {
    const id = await sts(emulator, keysOf(alice)).send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, UserId: alice.userId });
  });

  it('refuses an unknown access key and a wrong secret', async () => {
    const unknown = await sdkFailure(sts(emulator, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})));
    expect(unknown).toEqual({ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 });
    const wrong = await sdkFailure(sts(emulator, { ...keysOf(alice), secretAccessKey: `${alice.secretAccessKey}x` }).send(new GetCallerIdentityCommand({})));
    expect(wrong.name).toBe('SignatureDoesNotMatch');
    expect(wrong.status).toBe(403);
  });

  it('denies an MFA role without a code, then assumes it with a code once and refuses the reuse', async () => {
    const client = sts(emulator, keysOf(alice));
    const noMfa = await sdkFailure(client.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'demo' })));
    expect(noMfa).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
      status: 403,
    });

    const code = await oathtoolTotp({ secret: { base32: seed }, atMs: Date.now() });
    const input = { RoleArn: ROLE, RoleSessionName: 'demo', SerialNumber: SERIAL, TokenCode: code, DurationSeconds: 3600 };
    const out = await client.send(new AssumeRoleCommand(input));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/admin/demo`);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const expiresIn = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(expiresIn).toBeGreaterThan(3590_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const reused = await sdkFailure(client.send(new AssumeRoleCommand(input)));
    expect(reused).toEqual({ name: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ', status: 403 });

    const session = out.Credentials;
    const asRole = sts(emulator, {
      accessKeyId: session?.AccessKeyId ?? '',
      secretAccessKey: session?.SecretAccessKey ?? '',
      sessionToken: session?.SessionToken ?? '',
    });
    const id = await asRole.send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/admin/demo`);
    expect(id.UserId).toMatch(/^AROA[A-Z2-7]{17}:demo$/);

    const chained = await sdkFailure(asRole.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'chained', DurationSeconds: 7200 })));
    expect(chained.name).toBe('ValidationError');
    expect(chained.message).toContain('role chaining');
  });

  it('refuses a wrong code and an unknown serial with AWS texts', async () => {
    const client = sts(emulator, keysOf(alice));
    const wrongCode = String((Number(await oathtoolTotp({ secret: { base32: seed }, atMs: Date.now() })) + 500_000) % 1_000_000).padStart(6, '0');
    const bad = await sdkFailure(client.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'probe', SerialNumber: SERIAL, TokenCode: wrongCode })));
    expect(bad.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    const unknown = await sdkFailure(
      client.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'probe', SerialNumber: `${SERIAL}-other`, TokenCode: '123456' })),
    );
    expect(unknown.message).toMatch(/^MultiFactorAuthentication failed, unable to validate MFA code\./);
  });

  it('validates DurationSeconds against the API range and the role maximum', async () => {
    const client = sts(emulator, keysOf(alice));
    const short = await sdkFailure(client.send(new AssumeRoleCommand({ RoleArn: OPEN_ROLE, RoleSessionName: 'probe', DurationSeconds: 899 })));
    expect(short).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(short.message).toContain("Value '899' at 'durationSeconds' failed to satisfy constraint");
    const long = await sdkFailure(client.send(new AssumeRoleCommand({ RoleArn: OPEN_ROLE, RoleSessionName: 'probe', DurationSeconds: 7200 })));
    expect(long.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  it('issues an MFA session with GetSessionToken that then satisfies the role without a new code', async () => {
    const bob = emulator.addUser({ userName: 'bob', accountId: ACCOUNT });
    const bobSeed = randomSeedBase32();
    const bobSerial = `arn:aws:iam::${ACCOUNT}:mfa/bob`;
    emulator.addMfaDevice({ serial: bobSerial, seedBase32: bobSeed, userName: 'bob' });
    const client = sts(emulator, keysOf(bob));
    const aliceDevice = await sdkFailure(client.send(new GetSessionTokenCommand({ SerialNumber: SERIAL, TokenCode: '123456' })));
    expect(aliceDevice.message).toMatch(/unable to validate MFA code/);

    const out = await client.send(
      new GetSessionTokenCommand({
        SerialNumber: bobSerial,
        TokenCode: await oathtoolTotp({ secret: { base32: bobSeed }, atMs: Date.now() }),
        DurationSeconds: 900,
      }),
    );
    const c = out.Credentials;
    const session = sts(emulator, { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });
    expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/bob`);
    const role = await session.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'via-session' }));
    expect(role.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/admin/via-session`);
    const again = await sdkFailure(session.send(new GetSessionTokenCommand({})));
    expect(again).toEqual({ name: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials', status: 403 });
  });

  it('refuses a session token that does not belong to the key', async () => {
    const out = await sts(emulator, keysOf(alice)).send(new AssumeRoleCommand({ RoleArn: OPEN_ROLE, RoleSessionName: 'probe' }));
    const c = out.Credentials;
    const forged = sts(emulator, { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: 'forged' });
    expect((await sdkFailure(forged.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
  });

  it('decodes an authorization message it encoded and refuses others', async () => {
    const decoded = JSON.stringify({ allowed: false, context: { action: 'ec2:RunInstances' } });
    const encoded = emulator.encodeAuthorizationMessage(decoded);
    const client = sts(emulator, keysOf(alice));
    const out = await client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    expect(out.DecodedMessage).toBe(decoded);
    const bad = await sdkFailure(client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-a-message' })));
    expect(bad).toMatchObject({ name: 'InvalidAuthorizationMessageException', status: 400 });
  });
});

describe('STS emulator session expiry with an injected clock', () => {
  it('accepts temporary credentials until they expire, then answers ExpiredToken', async () => {
    requireOathtool();
    const clock = new ManualClock(Date.now());
    const emulator = await startStsEmulator({ host: '127.0.0.1', clock });
    try {
      const seed = randomSeedBase32();
      const user = emulator.addUser({ userName: 'carol' });
      emulator.addRole({ roleArn: 'arn:aws:iam::123456789012:role/ops', requireMfa: true });
      emulator.addMfaDevice({ serial: 'arn:aws:iam::123456789012:mfa/carol', seedBase32: seed, userName: 'carol' });
      const out = await sts(emulator, keysOf(user)).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/ops',
          RoleSessionName: 'carol',
          SerialNumber: 'arn:aws:iam::123456789012:mfa/carol',
          TokenCode: await oathtoolTotp({ secret: { base32: seed }, atMs: clock.now() }),
          DurationSeconds: 900,
        }),
      );
      const c = out.Credentials;
      const session = sts(emulator, { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });
      clock.advance(899_000);
      expect((await session.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::123456789012:assumed-role/ops/carol');
      clock.advance(1_000);
      expect(await sdkFailure(session.send(new GetCallerIdentityCommand({})))).toEqual({
        name: 'ExpiredToken',
        message: 'The security token included in the request is expired',
        status: 400,
      });
    } finally {
      await emulator.stop();
    }
  });
});
