// SPDX-License-Identifier: MIT
// The only file that talks to @aws-sdk/client-sts. Loaded lazily: credential_process cache hits never pay for it.
import { BugError } from '../../../src-shared/errors';
import { codeOnce, sdkClientConfig, type AwsClientOptions } from './client-config';
import { mapAwsError } from './map-aws-error';
import type { AssumeRoleOutput, CallContext, CallerIdentity, StsApi, TemporaryCredentials } from './sts-port';
// Erased at build: the SDK loads on first call.
import type * as StsSdk from '@aws-sdk/client-sts';

type StsModule = typeof StsSdk;
type StsSdkClient = InstanceType<StsModule['STSClient']>;

/** The real StsApi over @aws-sdk/client-sts; one short-lived SDK client per call (credentials differ per call). */
export function createStsApi(options: AwsClientOptions): StsApi {
  let sdk: Promise<StsModule> | undefined;
  const load = (): Promise<StsModule> => (sdk ??= import('@aws-sdk/client-sts'));

  /** `code`: the request carries a TOTP code, which AWS accepts once: never retried (see codeOnce). */
  async function call<T>(operation: string, ctx: CallContext, run: (m: StsModule, client: StsSdkClient) => Promise<T>, code?: string): Promise<T> {
    const m = await load();
    const client = new m.STSClient(sdkClientConfig('STS', ctx, codeOnce(options, code)));
    try {
      return await run(m, client);
    } catch (e) {
      throw mapAwsError(e, { service: 'STS', operation, clock: options.clock });
    } finally {
      client.destroy();
    }
  }
  const opts = (ctx: CallContext): { abortSignal?: AbortSignal } => (ctx.signal === undefined ? {} : { abortSignal: ctx.signal });

  return {
    assumeRole: (ctx, input) =>
      call(
        'AssumeRole',
        ctx,
        async (m, client): Promise<AssumeRoleOutput> => {
          const out = await client.send(
            new m.AssumeRoleCommand({
              RoleArn: input.roleArn,
              RoleSessionName: input.roleSessionName,
              DurationSeconds: input.durationSeconds,
              ExternalId: input.externalId,
              SerialNumber: input.serialNumber,
              TokenCode: input.tokenCode,
            }),
            opts(ctx),
          );
          return { credentials: temporary(out.Credentials, 'AssumeRole'), assumedRoleArn: out.AssumedRoleUser?.Arn ?? '' };
        },
        input.tokenCode,
      ),
    getSessionToken: (ctx, input) =>
      call(
        'GetSessionToken',
        ctx,
        async (m, client) => {
          const out = await client.send(
            new m.GetSessionTokenCommand({ DurationSeconds: input.durationSeconds, SerialNumber: input.serialNumber, TokenCode: input.tokenCode }),
            opts(ctx),
          );
          return temporary(out.Credentials, 'GetSessionToken');
        },
        input.tokenCode,
      ),
    getCallerIdentity: (ctx) =>
      call('GetCallerIdentity', ctx, async (m, client): Promise<CallerIdentity> => {
        const out = await client.send(new m.GetCallerIdentityCommand({}), opts(ctx));
        return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
      }),
    decodeAuthorizationMessage: (ctx, encodedMessage) =>
      call('DecodeAuthorizationMessage', ctx, async (m, client) => {
        const out = await client.send(new m.DecodeAuthorizationMessageCommand({ EncodedMessage: encodedMessage }), opts(ctx));
        return out.DecodedMessage ?? '';
      }),
  };
}

interface SdkCredentials {
  AccessKeyId: string | undefined;
  SecretAccessKey: string | undefined;
  SessionToken: string | undefined;
  Expiration: Date | undefined;
}

function temporary(c: SdkCredentials | undefined, operation: string): TemporaryCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    // STS always returns all four; a partial answer is a broken endpoint, not a user error.
    throw new BugError(`${operation} returned incomplete credentials`);
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration.getTime() };
}
