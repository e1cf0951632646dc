// SPDX-License-Identifier: MIT
// The real STS and IAM adapters against moto_server on loopback (AWS_ENDPOINT_URL_STS / _IAM).
import { execFileSync } from 'node:child_process';
import { CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../src-shared/errors';
import { systemClock } from '../../../src-shared/time/clock';
import { createIamApi, createStsApi, type CallContext } from '../../../src-main/core/sts';
import { MOTO_KEYS, startMoto, type Moto } from '../../support/moto';

let moto: Moto;
const ACCOUNT = '123456789012'; // moto's default account
const ctx: CallContext = { credentials: { ...MOTO_KEYS }, region: 'eu-west-1' };

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

const env = (): Record<string, string> => ({ AWS_ENDPOINT_URL_STS: moto.url, AWS_ENDPOINT_URL_IAM: moto.url });

async function setup(): Promise<{ roleArn: string }> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: { ...MOTO_KEYS } });
  try {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
    });
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'admin', AssumeRolePolicyDocument: trust, MaxSessionDuration: 43200 }));
    return { roleArn: role.Role?.Arn ?? '' };
  } finally {
    iam.destroy();
  }
}

describe('StsApi against moto_server', () => {
  it('AssumeRole with SerialNumber, TokenCode, ExternalId and DurationSeconds, then GetCallerIdentity with the session', async () => {
    const { roleArn } = await setup();
    const sts = createStsApi({ clock: systemClock, env: env() });
    const before = Date.now();
    const out = await sts.assumeRole(ctx, {
      roleArn,
      roleSessionName: 'touchrole-alice',
      durationSeconds: 7200,
      externalId: 'ext-42',
      serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
      tokenCode: '123456',
    });
    expect(out.assumedRoleArn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/admin/touchrole-alice`);
    expect(out.credentials.sessionToken.length).toBeGreaterThan(0);
    expect(out.credentials.expiration - before).toBeGreaterThan(7200_000 - 60_000);
    expect(out.credentials.expiration - before).toBeLessThan(7200_000 + 60_000);

    const who = await sts.getCallerIdentity({ credentials: out.credentials });
    expect(who).toEqual({ account: ACCOUNT, arn: out.assumedRoleArn, userId: expect.stringContaining(':touchrole-alice') });
  });

  it('GetSessionToken with MFA returns a session of the asked duration', async () => {
    const sts = createStsApi({ clock: systemClock, env: env() });
    const before = Date.now();
    const creds = await sts.getSessionToken(ctx, { durationSeconds: 43200, serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, tokenCode: '654321' });
    expect(creds.accessKeyId).not.toBe(MOTO_KEYS.accessKeyId);
    expect(creds.expiration - before).toBeGreaterThan(43200_000 - 60_000);
    expect(creds.expiration - before).toBeLessThan(43200_000 + 60_000);
  });

  it('falls back to AWS_ENDPOINT_URL when no service-specific endpoint is set', async () => {
    const sts = createStsApi({ clock: systemClock, env: { AWS_ENDPOINT_URL: moto.url } });
    const who = await sts.getCallerIdentity(ctx);
    expect(who.account).toBe(ACCOUNT);
  });

  it('maps an unreachable endpoint to sts-network, quickly and without secrets', async () => {
    const sts = createStsApi({ clock: systemClock, env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }, maxAttempts: 1 });
    const error = await sts.getCallerIdentity(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TouchroleError);
    expect((error as TouchroleError).code).toBe('sts-network');
    expect((error as TouchroleError).message).toMatch(/Cannot reach AWS STS \(ECONNREFUSED\)/);
    expect((error as TouchroleError).message).not.toContain(MOTO_KEYS.secretAccessKey);
  });
});

describe('IamApi against moto_server', () => {
  it('creates, lists, deactivates and deletes access keys (key rotation)', async () => {
    await setup();
    const iam = createIamApi({ clock: systemClock, env: env() });
    expect((await iam.getUser(ctx, { userName: 'alice' })).arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    const k1 = await iam.createAccessKey(ctx, { userName: 'alice' });
    const k2 = await iam.createAccessKey(ctx, { userName: 'alice' });
    expect(k1.secretAccessKey.length).toBeGreaterThan(20);
    expect(k1.status).toBe('Active');
    await iam.updateAccessKey(ctx, { userName: 'alice', accessKeyId: k1.accessKeyId, status: 'Inactive' });
    const listed = await iam.listAccessKeys(ctx, { userName: 'alice' });
    expect(listed.map((k) => [k.accessKeyId, k.status]).sort()).toEqual(
      [
        [k1.accessKeyId, 'Inactive'],
        [k2.accessKeyId, 'Active'],
      ].sort(),
    );
    expect(listed.every((k) => typeof k.createDate === 'number' && k.userName === 'alice')).toBe(true);
    await iam.deleteAccessKey(ctx, { userName: 'alice', accessKeyId: k1.accessKeyId });
    expect((await iam.listAccessKeys(ctx, { userName: 'alice' })).map((k) => k.accessKeyId)).toEqual([k2.accessKeyId]);
  });

  it('creates a virtual MFA device, enables it with two oathtool codes, lists, deactivates and deletes it', async () => {
    await setup();
    const iam = createIamApi({ clock: systemClock, env: env() });
    const device = await iam.createVirtualMFADevice(ctx, { name: 'alice' });
    expect(device.serialNumber).toBe(`arn:aws:iam::${ACCOUNT}:mfa/alice`);
    expect(device.base32Seed).toMatch(/^[A-Z2-7]{16,}=*$/);
    const now = Math.floor(Date.now() / 1000);
    const code = (t: number): string =>
      execFileSync('oathtool', ['--totp', '--base32', '--now', new Date(t * 1000).toISOString().replace('.000', ''), '-'], { input: device.base32Seed })
        .toString()
        .trim();
    await iam.enableMFADevice(ctx, {
      userName: 'alice',
      serialNumber: device.serialNumber,
      authenticationCode1: code(now),
      authenticationCode2: code(now + 30),
    });
    expect((await iam.listMFADevices(ctx, { userName: 'alice' })).map((d) => d.serialNumber)).toEqual([device.serialNumber]);
    await iam.deactivateMFADevice(ctx, { userName: 'alice', serialNumber: device.serialNumber });
    expect(await iam.listMFADevices(ctx, { userName: 'alice' })).toEqual([]);
    await iam.deleteVirtualMFADevice(ctx, { serialNumber: device.serialNumber });
  });

  it('maps an IAM error to a TouchroleError naming the AWS error code', async () => {
    const iam = createIamApi({ clock: systemClock, env: env() });
    const error = await iam.getUser(ctx, { userName: 'nobody' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TouchroleError);
    expect((error as TouchroleError).code).toBe('iam-error');
    expect((error as TouchroleError).message).toMatch(/^IAM GetUser failed \(NoSuchEntity(Exception)?\): .*nobody/);
  });
});
