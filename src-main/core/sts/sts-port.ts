// SPDX-License-Identifier: MIT
// The STS calls touchrole makes, as plain data: no SDK type crosses this boundary.

/** Credentials to sign one call with: long-term keys, or a session (with sessionToken). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials STS hands out: always a session token and an absolute expiry. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Milliseconds since the Unix epoch. */
  expiration: number;
}

/**
 * What the profile in use says about reaching AWS besides its region, in botocore's keys
 * (use_fips_endpoint, use_dualstack_endpoint, retry_mode, sdk_ua_app_id, auth_scheme_preference,
 * and the JavaScript SDK's disable_clock_skew_correction).
 */
export type ClientSettings = Readonly<Record<string, string>>;

/** Who signs a call and where it goes. Credentials are per call: one client serves every profile. */
export interface CallContext {
  credentials: AwsCredentials;
  /** The profile's region; the adapters default to us-east-1. */
  region?: string;
  /**
   * The profile's client settings. Given, the adapters read nothing else (the environment still
   * wins, as for botocore); absent, the AWS SDK reads them from AWS_PROFILE's profile itself.
   */
  clientSettings?: ClientSettings;
  signal?: AbortSignal;
}

/** Where a profile's calls go: its region and client settings, as a CallContext carries them. */
export type CallWhere = Pick<CallContext, 'region' | 'clientSettings'>;

export interface AssumeRoleInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  externalId?: string;
  /** mfa_serial, with tokenCode: both or neither. */
  serialNumber?: string;
  tokenCode?: string;
}

export interface AssumeRoleOutput {
  credentials: TemporaryCredentials;
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  assumedRoleArn: string;
}

export interface GetSessionTokenInput {
  durationSeconds?: number;
  serialNumber?: string;
  tokenCode?: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** The STS port. Implementations throw TouchroleError (see mapAwsError) and never leak SDK errors. */
export interface StsApi {
  assumeRole(ctx: CallContext, input: AssumeRoleInput): Promise<AssumeRoleOutput>;
  getSessionToken(ctx: CallContext, input: GetSessionTokenInput): Promise<TemporaryCredentials>;
  getCallerIdentity(ctx: CallContext): Promise<CallerIdentity>;
  /** The JSON text of an "Encoded authorization failure message". */
  decodeAuthorizationMessage(ctx: CallContext, encodedMessage: string): Promise<string>;
}
