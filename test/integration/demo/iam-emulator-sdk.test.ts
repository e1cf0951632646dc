// SPDX-License-Identifier: MIT
// The emulator's IAM side driven by the real @aws-sdk/client-iam: key rotation and MFA-device set-up.
import {
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/time/clock';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { oathtoolTotp, requireOathtool } from '../../support/oathtool';
import { sdkFailure } from '../../support/sdk-failure';

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const ROLE = 'arn:aws:iam::123456789012:role/admin';
const options = (emulator: StsEmulator, credentials: Keys) => ({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
const iam = (emulator: StsEmulator, credentials: Keys): IAMClient => new IAMClient(options(emulator, credentials));
const sts = (emulator: StsEmulator, credentials: Keys): STSClient => new STSClient(options(emulator, credentials));

describe('IAM emulator with @aws-sdk/client-iam', () => {
  const clock = new ManualClock(Date.now());
  let emulator: StsEmulator;
  let dave: AddedUser;
  let daveKeys: Keys;

  beforeAll(async () => {
    requireOathtool();
    emulator = await startStsEmulator({ host: '127.0.0.1', clock });
    dave = emulator.addUser({ userName: 'dave' });
    daveKeys = { accessKeyId: dave.accessKeyId, secretAccessKey: dave.secretAccessKey };
    emulator.addRole({ roleArn: ROLE, requireMfa: true });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('GetUser without a name answers for the signing user; an unknown name is NoSuchEntity', async () => {
    const out = await iam(emulator, daveKeys).send(new GetUserCommand({}));
    expect(out.User).toMatchObject({ UserName: 'dave', Arn: 'arn:aws:iam::123456789012:user/dave', UserId: dave.userId, Path: '/' });
    const missing = await sdkFailure(iam(emulator, daveKeys).send(new GetUserCommand({ UserName: 'nobody' })));
    expect(missing).toEqual({ name: 'NoSuchEntityException', message: 'The user with name nobody cannot be found.', status: 404 });
  });

  it('rotates access keys: create (at most two), deactivate, delete', async () => {
    const client = iam(emulator, daveKeys);
    const created = (await client.send(new CreateAccessKeyCommand({}))).AccessKey;
    expect(created).toMatchObject({ UserName: 'dave', Status: 'Active' });
    expect(created?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const newKeys = { accessKeyId: created?.AccessKeyId ?? '', secretAccessKey: created?.SecretAccessKey ?? '' };
    expect((await sts(emulator, newKeys).send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/dave');

    const third = await sdkFailure(client.send(new CreateAccessKeyCommand({})));
    expect(third).toMatchObject({ name: 'LimitExceededException', status: 409 });
    const listed = (await client.send(new ListAccessKeysCommand({}))).AccessKeyMetadata ?? [];
    expect(listed.map((k) => k.AccessKeyId).sort()).toEqual([dave.accessKeyId, newKeys.accessKeyId].sort());

    await client.send(new UpdateAccessKeyCommand({ AccessKeyId: newKeys.accessKeyId, Status: 'Inactive' }));
    expect((await sdkFailure(sts(emulator, newKeys).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    await client.send(new DeleteAccessKeyCommand({ AccessKeyId: newKeys.accessKeyId }));
    const after = (await client.send(new ListAccessKeysCommand({ UserName: 'dave' }))).AccessKeyMetadata ?? [];
    expect(after.map((k) => k.AccessKeyId)).toEqual([dave.accessKeyId]);
    const gone = await sdkFailure(client.send(new DeleteAccessKeyCommand({ AccessKeyId: newKeys.accessKeyId })));
    expect(gone.name).toBe('NoSuchEntityException');
  });

  it('registers a virtual MFA device whose seed oathtool accepts, then uses it for AssumeRole', async () => {
    const client = iam(emulator, daveKeys);
    const device = (await client.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dave' }))).VirtualMFADevice;
    expect(device?.SerialNumber).toBe('arn:aws:iam::123456789012:mfa/dave');
    // The SDK decodes the base64 blob to the base32 text's bytes, as with real IAM.
    const seed = new TextDecoder().decode(device?.Base32StringSeed);
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    const serial = device?.SerialNumber ?? '';

    const wrong = await sdkFailure(
      client.send(new EnableMFADeviceCommand({ UserName: 'dave', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: '000001' })),
    );
    expect(wrong).toEqual({ name: 'InvalidAuthenticationCodeException', message: 'Authentication code for device is not valid.', status: 403 });

    const now = clock.now();
    await client.send(
      new EnableMFADeviceCommand({
        UserName: 'dave',
        SerialNumber: serial,
        AuthenticationCode1: await oathtoolTotp({ secret: { base32: seed }, atMs: now - 30_000 }),
        AuthenticationCode2: await oathtoolTotp({ secret: { base32: seed }, atMs: now }),
      }),
    );
    const devices = (await client.send(new ListMFADevicesCommand({}))).MFADevices ?? [];
    expect(devices.map((d) => [d.UserName, d.SerialNumber])).toEqual([['dave', serial]]);

    const assume = (code: string) =>
      sts(emulator, daveKeys).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'dave', SerialNumber: serial, TokenCode: code }));
    // The second enable code is spent: AWS refuses it for AssumeRole too.
    expect((await sdkFailure(assume(await oathtoolTotp({ secret: { base32: seed }, atMs: now })))).name).toBe('AccessDenied');
    clock.advance(30_000);
    const role = await assume(await oathtoolTotp({ secret: { base32: seed }, atMs: clock.now() }));
    expect(role.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/admin/dave');

    const c = role.Credentials;
    const asRole = iam(emulator, { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });
    const noName = await sdkFailure(asRole.send(new GetUserCommand({})));
    expect(noName).toMatchObject({ name: 'ValidationError', message: 'Must specify userName when calling with non-User credentials' });
    expect((await asRole.send(new GetUserCommand({ UserName: 'dave' }))).User?.UserName).toBe('dave');

    const inUse = await sdkFailure(client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    expect(inUse).toMatchObject({ name: 'DeleteConflictException', status: 409 });
    await client.send(new DeactivateMFADeviceCommand({ UserName: 'dave', SerialNumber: serial }));
    await client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    expect((await client.send(new ListMFADevicesCommand({ UserName: 'dave' }))).MFADevices).toEqual([]);
    const deleted = await sdkFailure(client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    expect(deleted).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });
});
