// SPDX-License-Identifier: MIT
// The only file that talks to @aws-sdk/client-iam, loaded lazily like the STS adapter.
import { BugError } from '../../../src-shared/errors';
import { codeOnce, sdkClientConfig, type AwsClientOptions } from './client-config';
import type { AccessKeyInfo, AccessKeyStatus, IamApi, MfaDeviceInfo } from './iam-port';
import { mapAwsError } from './map-aws-error';
import type { CallContext } from './sts-port';
// Erased at build: the SDK loads on first call.
import type * as IamSdk from '@aws-sdk/client-iam';

type IamModule = typeof IamSdk;
type IamSdkClient = InstanceType<IamModule['IAMClient']>;

/** The real IamApi over @aws-sdk/client-iam. IAM is global: the region only picks the partition. */
export function createIamApi(options: AwsClientOptions): IamApi {
  let sdk: Promise<IamModule> | undefined;
  const load = (): Promise<IamModule> => (sdk ??= import('@aws-sdk/client-iam'));

  /** `code`: the request carries a TOTP code, which AWS accepts once: never retried (see codeOnce). */
  async function call<T>(operation: string, ctx: CallContext, run: (m: IamModule, client: IamSdkClient) => Promise<T>, code?: string): Promise<T> {
    const m = await load();
    const client = new m.IAMClient(sdkClientConfig('IAM', ctx, codeOnce(options, code)));
    try {
      return await run(m, client);
    } catch (e) {
      throw mapAwsError(e, { service: 'IAM', operation, clock: options.clock });
    } finally {
      client.destroy();
    }
  }
  const opts = (ctx: CallContext): { abortSignal?: AbortSignal } => (ctx.signal === undefined ? {} : { abortSignal: ctx.signal });

  return {
    getUser: (ctx, input = {}) =>
      call('GetUser', ctx, async (m, client) => {
        const out = await client.send(new m.GetUserCommand({ UserName: input.userName }), opts(ctx));
        const u = out.User;
        if (u === undefined) throw new BugError('GetUser returned no user');
        return { userName: need(u.UserName, 'UserName'), userId: need(u.UserId, 'UserId'), arn: need(u.Arn, 'Arn'), ...date('createDate', u.CreateDate) };
      }),
    listAccessKeys: (ctx, input = {}) =>
      call('ListAccessKeys', ctx, async (m, client) => {
        const keys: AccessKeyInfo[] = [];
        let marker: string | undefined;
        do {
          const out = await client.send(new m.ListAccessKeysCommand({ UserName: input.userName, Marker: marker }), opts(ctx));
          for (const k of out.AccessKeyMetadata ?? []) {
            if (k.AccessKeyId === undefined) continue;
            keys.push({
              userName: k.UserName ?? input.userName ?? '',
              accessKeyId: k.AccessKeyId,
              status: status(k.Status),
              ...date('createDate', k.CreateDate),
            });
          }
          marker = out.IsTruncated === true ? out.Marker : undefined;
        } while (marker !== undefined);
        return keys;
      }),
    createAccessKey: (ctx, input = {}) =>
      call('CreateAccessKey', ctx, async (m, client) => {
        const k = (await client.send(new m.CreateAccessKeyCommand({ UserName: input.userName }), opts(ctx))).AccessKey;
        if (k === undefined) throw new BugError('CreateAccessKey returned no key');
        return {
          userName: need(k.UserName, 'UserName'),
          accessKeyId: need(k.AccessKeyId, 'AccessKeyId'),
          secretAccessKey: need(k.SecretAccessKey, 'SecretAccessKey'),
          status: status(k.Status),
          ...date('createDate', k.CreateDate),
        };
      }),
    updateAccessKey: (ctx, input) =>
      call('UpdateAccessKey', ctx, async (m, client) => {
        await client.send(new m.UpdateAccessKeyCommand({ UserName: input.userName, AccessKeyId: input.accessKeyId, Status: input.status }), opts(ctx));
      }),
    deleteAccessKey: (ctx, input) =>
      call('DeleteAccessKey', ctx, async (m, client) => {
        await client.send(new m.DeleteAccessKeyCommand({ UserName: input.userName, AccessKeyId: input.accessKeyId }), opts(ctx));
      }),
    listMFADevices: (ctx, input = {}) =>
      call('ListMFADevices', ctx, async (m, client) => {
        const devices: MfaDeviceInfo[] = [];
        let marker: string | undefined;
        do {
          const out = await client.send(new m.ListMFADevicesCommand({ UserName: input.userName, Marker: marker }), opts(ctx));
          for (const d of out.MFADevices ?? []) {
            devices.push({
              userName: d.UserName ?? input.userName ?? '',
              serialNumber: need(d.SerialNumber, 'SerialNumber'),
              ...date('enableDate', d.EnableDate),
            });
          }
          marker = out.IsTruncated === true ? out.Marker : undefined;
        } while (marker !== undefined);
        return devices;
      }),
    createVirtualMFADevice: (ctx, input) =>
      call('CreateVirtualMFADevice', ctx, async (m, client) => {
        const out = await client.send(new m.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: input.name, Path: input.path }), opts(ctx));
        const d = out.VirtualMFADevice;
        if (d?.Base32StringSeed === undefined) throw new BugError('CreateVirtualMFADevice returned no seed');
        // The SDK hands the base32 text over as its ASCII bytes.
        return { serialNumber: need(d.SerialNumber, 'SerialNumber'), base32Seed: new TextDecoder().decode(d.Base32StringSeed) };
      }),
    enableMFADevice: (ctx, input) =>
      call(
        'EnableMFADevice',
        ctx,
        async (m, client) => {
          await client.send(
            new m.EnableMFADeviceCommand({
              UserName: input.userName,
              SerialNumber: input.serialNumber,
              AuthenticationCode1: input.authenticationCode1,
              AuthenticationCode2: input.authenticationCode2,
            }),
            opts(ctx),
          );
        },
        input.authenticationCode1,
      ),
    deactivateMFADevice: (ctx, input) =>
      call('DeactivateMFADevice', ctx, async (m, client) => {
        await client.send(new m.DeactivateMFADeviceCommand({ UserName: input.userName, SerialNumber: input.serialNumber }), opts(ctx));
      }),
    deleteVirtualMFADevice: (ctx, input) =>
      call('DeleteVirtualMFADevice', ctx, async (m, client) => {
        await client.send(new m.DeleteVirtualMFADeviceCommand({ SerialNumber: input.serialNumber }), opts(ctx));
      }),
  };
}

/** IAM always sends these fields; a missing one is a broken endpoint, not something a user can fix. */
function need<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new BugError(`IAM answered without ${field}`);
  return value;
}

function status(s: string | undefined): AccessKeyStatus {
  return s === 'Inactive' ? 'Inactive' : 'Active';
}

function date<K extends string>(key: K, d: Date | undefined): Partial<Record<K, number>> {
  return d === undefined ? {} : ({ [key]: d.getTime() } as Partial<Record<K, number>>);
}
