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

/** Who signs a call and where it goes. Credentials are per call: one client serves every profile. */
export interface CallContext {
  credentials: AwsCredentials;
  /** The profile's region; the adapters default to us-east-1. */
  region?: string;
  signal?: AbortSignal;
}

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
