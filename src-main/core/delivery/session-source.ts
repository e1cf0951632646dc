// SPDX-License-Identifier: MIT
import type { SessionCredentials } from './child-env';

/** A session for exec/export: the same cache, MFA ledger and touch prompt as every other channel. */
export interface DeliveredSession {
  profile: string;
  credentials: SessionCredentials;
  /** The profile's region (AWS_REGION/AWS_DEFAULT_REGION), when it has one. */
  region?: string;
  roleArn?: string;
}

export interface SessionRequest {
  durationSeconds?: number;
  /** A cached session with less than this left is not reused: a fresh one is elevated. */
  minRemainingMs: number;
}

/** The one door from delivery (exec, export, the credentials endpoint) to the core's sessions. */
export interface SessionSource {
  session(profile: string, request: SessionRequest): Promise<DeliveredSession>;
}

/** A cached session with more than 5 minutes left is reused, as credential_process does. */
export const MIN_REMAINING_MS = 5 * 60_000;
