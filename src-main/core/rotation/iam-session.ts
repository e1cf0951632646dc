// SPDX-License-Identifier: MIT
// The credentials IAM calls are signed with: the long-term key, or an MFA session from it (one touch).
import type { Clock } from '../../../src-shared/time/clock';
import type { MfaCodeSource, MfaStepLedger } from '../sessions';
import { whereOf, type AwsCredentials, type CallContext, type CallWhere, type StsApi } from '../sts';

/** How to get an MFA code for IAM calls, when the profile has mfa_serial. */
export interface IamMfa {
  serial: string;
  code: MfaCodeSource;
  /** Keeps a code from being spent twice across processes; without it the code is used as read. */
  ledger?: MfaStepLedger;
}

export interface IamSessionDeps extends CallWhere {
  sts: StsApi;
  clock: Clock;
  mfa?: IamMfa;
  signal?: AbortSignal;
}

/** 15 minutes, STS's minimum: long enough for a rotation, short-lived if it leaks. */
const IAM_SESSION_SECONDS = 900;

/**
 * A CallContext for IAM. With MFA the calls carry a GetSessionToken session, so policies with
 * `aws:MultiFactorAuthPresent` allow them; without MFA they are signed with `keys` directly.
 */
export async function iamCallContext(keys: AwsCredentials, deps: IamSessionDeps): Promise<CallContext> {
  const base: CallContext = {
    credentials: keys,
    ...whereOf(deps),
    ...(deps.signal === undefined ? {} : { signal: deps.signal }),
  };
  const mfa = deps.mfa;
  if (mfa === undefined) return base;
  const signal = deps.signal ?? new AbortController().signal;
  const withCode = (code: string): Promise<CallContext> =>
    deps.sts
      .getSessionToken(base, { serialNumber: mfa.serial, tokenCode: code, durationSeconds: IAM_SESSION_SECONDS })
      .then((session) => ({ ...base, credentials: session }));
  if (mfa.ledger !== undefined) return mfa.ledger.withMfaCode(mfa.serial, mfa.code, withCode, { signal });
  return withCode(await mfa.code(mfa.serial, signal));
}
