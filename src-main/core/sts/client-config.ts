// SPDX-License-Identifier: MIT
import type { Clock } from '../../../src-shared/time/clock';
import type { AwsCredentials, CallContext, CallWhere, ClientSettings } from './sts-port';

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

/** Each client setting: its environment variable (which wins, as for botocore) and its profile key. */
const CLIENT_SETTINGS = {
  useFipsEndpoint: ['AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'],
  useDualstackEndpoint: ['AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint'],
  retryMode: ['AWS_RETRY_MODE', 'retry_mode'],
  userAgentAppId: ['AWS_SDK_UA_APP_ID', 'sdk_ua_app_id'],
  authSchemePreference: ['AWS_AUTH_SCHEME_PREFERENCE', 'auth_scheme_preference'],
  // The JavaScript SDK's own (botocore has no such key).
  disableClockSkewCorrection: ['AWS_DISABLE_CLOCK_SKEW_CORRECTION', 'disable_clock_skew_correction'],
} as const;

/** The region and client settings `o` has, and nothing else of it: for a CallContext. */
export function whereOf(o: CallWhere): CallWhere {
  return { ...(o.region === undefined ? {} : { region: o.region }), ...(o.clientSettings === undefined ? {} : { clientSettings: o.clientSettings }) };
}

/** The client settings among a profile's values (`value(key)`: the profile's text for a key). */
export function clientSettingsOf(value: (key: string) => string | undefined): ClientSettings {
  const settings: Record<string, string> = {};
  for (const [, key] of Object.values(CLIENT_SETTINGS)) {
    const v = value(key);
    if (v !== undefined) settings[key] = v;
  }
  return settings;
}

/**
 * The SDK options for the profile's client settings, each set, so that the SDK reads no AWS file
 * itself (it would read AWS_PROFILE's profile, not the one in use, and wait on the disk for it).
 */
function explicitClientSettings(settings: ClientSettings, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const text = ([envName, key]: readonly [string, string]): string | undefined => env[envName] ?? settings[key];
  // botocore's ensure_boolean: "true" in any case is true, anything else false.
  const flag = (names: readonly [string, string]): boolean => text(names)?.trim().toLowerCase() === 'true';
  const appId = text(CLIENT_SETTINGS.userAgentAppId);
  return {
    useFipsEndpoint: flag(CLIENT_SETTINGS.useFipsEndpoint),
    useDualstackEndpoint: flag(CLIENT_SETTINGS.useDualstackEndpoint),
    disableClockSkewCorrection: flag(CLIENT_SETTINGS.disableClockSkewCorrection),
    // The SDK knows standard and adaptive; botocore's legacy is standard to it, as is the default.
    retryMode: text(CLIENT_SETTINGS.retryMode)?.trim() || 'standard',
    // A provider even when unset: undefined would send the SDK to the files.
    userAgentAppId: async () => appId,
    authSchemePreference: (text(CLIENT_SETTINGS.authSchemePreference) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
}

/** The SDK client configuration for one call (plain object: the SDK is loaded by the caller). */
export function sdkClientConfig(service: AwsService, ctx: CallContext, options: AwsClientOptions): Record<string, unknown> {
  const env = options.env ?? {};
  const endpoint = endpointFor(service, env);
  const credentials: AwsCredentials = { accessKeyId: ctx.credentials.accessKeyId, secretAccessKey: ctx.credentials.secretAccessKey };
  if (ctx.credentials.sessionToken !== undefined) credentials.sessionToken = ctx.credentials.sessionToken;
  return {
    region: ctx.region ?? DEFAULT_REGION,
    credentials,
    ...(ctx.clientSettings === undefined ? {} : explicitClientSettings(ctx.clientSettings, env)),
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
