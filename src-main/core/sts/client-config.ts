// SPDX-License-Identifier: MIT
import type { Clock } from '../../../src-shared/time/clock';
import type { AwsCredentials, CallContext } from './sts-port';

export const DEFAULT_REGION = 'us-east-1';

/** What the adapters need besides the per-call context. */
export interface AwsClientOptions {
  /** Read for AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL (default: none). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Used to sign requests and to measure clock skew against the server's Date header. */
  clock: Clock;
  /** Per-attempt timeout; a dead network fails fast rather than hanging credential_process. */
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  maxAttempts?: number;
}

export type AwsService = 'STS' | 'IAM';

/**
 * Options for a request that carries a TOTP code: one attempt. AWS accepts a code once, so an SDK
 * retry after a lost answer is refused as an invalid code, which hides what really happened (for
 * EnableMFADevice: whether the device is now enabled). The caller decides what a failure means.
 */
export function codeOnce(options: AwsClientOptions, code: string | undefined): AwsClientOptions {
  return code === undefined ? options : { ...options, maxAttempts: 1 };
}

/**
 * The endpoint the SDK would use from the environment, resolved here explicitly: the SDK also
 * reads `endpoint_url` from the AWS_PROFILE config profile, which is not the profile being
 * elevated, so touchrole resolves it itself and tells the SDK to ignore configured endpoints.
 */
export function endpointFor(service: AwsService, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const specific = env[`AWS_ENDPOINT_URL_${service}`];
  if (specific) return specific;
  const general = env['AWS_ENDPOINT_URL'];
  return general ? general : undefined;
}

/** The SDK client configuration for one call (plain object: the SDK is loaded by the caller). */
export function sdkClientConfig(service: AwsService, ctx: CallContext, options: AwsClientOptions): Record<string, unknown> {
  const endpoint = endpointFor(service, options.env ?? {});
  const credentials: AwsCredentials = { accessKeyId: ctx.credentials.accessKeyId, secretAccessKey: ctx.credentials.secretAccessKey };
  if (ctx.credentials.sessionToken !== undefined) credentials.sessionToken = ctx.credentials.sessionToken;
  return {
    region: ctx.region ?? DEFAULT_REGION,
    credentials,
    ...(endpoint === undefined ? {} : { endpoint }),
    ignoreConfiguredEndpointUrls: true,
    maxAttempts: options.maxAttempts ?? 2,
    // Sign with touchrole's clock, so tests (and a corrected clock) see what AWS would see.
    systemClockOffset: options.clock.now() - Date.now(),
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 15_000,
    },
  };
}
