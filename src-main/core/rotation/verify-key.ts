// SPDX-License-Identifier: MIT
// A new access key takes a few seconds to work everywhere (IAM is eventually consistent): retry, bounded.
import { whereOf, type AwsCredentials, type CallWhere, type StsApi } from '../sts';

export interface VerifyOptions extends CallWhere {
  sts: StsApi;
  /** GetCallerIdentity attempts with the new key; default 8 (about 40 s with the default delays). */
  verifyAttempts?: number;
  /** First retry delay, doubling up to 8 s; default 1000 ms. */
  verifyDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Undefined once GetCallerIdentity succeeds with `keys`; else the last error. */
export async function verifyNewKey(keys: AwsCredentials, o: VerifyOptions): Promise<unknown> {
  const attempts = Math.max(1, o.verifyAttempts ?? 8);
  const sleep = o.sleep ?? sleepFor;
  let delay = o.verifyDelayMs ?? 1000;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) {
      await sleep(delay);
      delay = Math.min(delay * 2, 8000);
    }
    try {
      await o.sts.getCallerIdentity({ credentials: keys, ...whereOf(o) });
      return undefined;
    } catch (e) {
      last = e;
    }
  }
  return last ?? new Error('no attempt made');
}
