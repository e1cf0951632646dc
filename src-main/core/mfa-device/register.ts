// SPDX-License-Identifier: MIT
// `mfa register`: the YubiKey becomes the IAM user's virtual MFA device; the seed goes nowhere else.
import { timeStep } from '../../../src-shared/oath-codec/totp';
import { isTouchroleError, TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import { whereOf, type AwsCredentials, type CallContext, type CallWhere, type IamApi } from '../sts';
import { decodeBase32Seed } from './base32-seed';
import type { ProfileConfigEditor } from './config-file';
import type { MfaKey } from './yubikey-mfa';

export interface MfaDeviceDeps extends CallWhere {
  iam: IamApi;
  clock: Clock;
  key: MfaKey;
  config: ProfileConfigEditor;
  /** The profile's long-term keys (or an MFA session from them, for unregister). */
  credentials: AwsCredentials;
  /** Told the last time step whose code AWS accepted, so the next elevation waits for a fresh one. */
  markCodeUsed?: (serial: string, step: number) => Promise<void>;
  /** Waits between IAM lookups (default: a timer; tests pass one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
}

export interface RegisterResult {
  profile: string;
  userName: string;
  serialNumber: string;
  oathCredential: string;
  touch: boolean;
}

/**
 * CreateVirtualMFADevice -> PUT the seed into the YubiKey (named with the device ARN) -> codes
 * for T and T+1 from the key -> EnableMFADevice -> mfa_serial in the config profile. On a
 * failure before EnableMFADevice, the device and the credential are removed again. A failed
 * EnableMFADevice is ambiguous (a timeout or a lost answer may follow AWS enabling the device),
 * so IAM is asked before anything is undone: the seed on the YubiKey is never deleted while AWS
 * may require codes from it.
 */
export async function registerMfaDevice(profile: string, deps: MfaDeviceDeps, options: { touch: boolean; deviceName?: string }): Promise<RegisterResult> {
  const ctx: CallContext = { credentials: deps.credentials, ...whereOf(deps) };
  const user = await deps.iam.getUser(ctx);
  const device = await deps.iam.createVirtualMFADevice(ctx, { name: options.deviceName ?? user.userName });
  const serial = device.serialNumber;
  let id: string | undefined;
  const fail = async (e: unknown): Promise<never> => {
    const undone = await undo(deps, ctx, serial, id !== undefined);
    throw new TouchroleError(isTouchroleError(e) ? e.code : 'iam-error', `MFA device registration failed: ${describe(e)}; ${undone}`, {
      hint: isTouchroleError(e) && e.hint !== undefined ? e.hint : `Fix the cause and run \`touchrole mfa register ${profile}\` again.`,
      cause: e,
    });
  };
  let codes: [string, string];
  const at = deps.clock.now();
  try {
    const seed = decodeBase32Seed(device.base32Seed);
    try {
      id = await deps.key.put(serial, seed, options.touch);
    } finally {
      seed.fill(0);
    }
    codes = await deps.key.consecutiveCodes(id, at, options.touch);
  } catch (e) {
    return fail(e);
  }
  try {
    await deps.iam.enableMFADevice(ctx, { userName: user.userName, serialNumber: serial, authenticationCode1: codes[0], authenticationCode2: codes[1] });
  } catch (e) {
    const enabled = await isEnabled(deps, ctx, user.userName, serial);
    if (enabled === false) return fail(e);
    if (enabled === undefined) throw unknownOutcome(e, profile, user.userName, serial);
    // AWS enabled the device although its answer was lost or an error: registration went through.
  }
  // AWS accepts each code once: steps T and T+1 are spent now.
  await deps.markCodeUsed?.(serial, timeStep(at) + 1);
  try {
    await deps.config.set(profile, 'mfa_serial', serial);
  } catch (e) {
    throw new TouchroleError('file-write-failed', `MFA device ${serial} is enabled and on the YubiKey, but mfa_serial could not be written (${describe(e)})`, {
      hint: `Add "mfa_serial = ${serial}" to the [profile ${profile}] section of ~/.aws/config yourself.`,
      cause: e,
    });
  }
  return { profile, userName: user.userName, serialNumber: serial, oathCredential: id, touch: options.touch };
}

// IAM is eventually consistent: a device enabled a moment ago may not be listed yet, so "not
// enabled" (which deletes the seed) takes several lookups a little apart.
const LOOKUPS = 3;
const LOOKUP_GAP_MS = 2_000;

/** Whether IAM lists `serial` as an MFA device of the user; undefined when IAM cannot be asked. */
async function isEnabled(deps: MfaDeviceDeps, ctx: CallContext, userName: string, serial: string): Promise<boolean | undefined> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let i = 0; i < LOOKUPS; i++) {
    if (i > 0) await sleep(LOOKUP_GAP_MS);
    try {
      if ((await deps.iam.listMFADevices(ctx, { userName })).some((d) => d.serialNumber === serial)) return true;
    } catch {
      return undefined;
    }
  }
  return false;
}

function unknownOutcome(e: unknown, profile: string, userName: string, serial: string): TouchroleError {
  return new TouchroleError(
    isTouchroleError(e) ? e.code : 'iam-error',
    `MFA device registration may or may not have finished: EnableMFADevice failed (${describe(e)}) and IAM could not be asked ` +
      `whether ${serial} is enabled now. The seed stays on the YubiKey, so you cannot be locked out.`,
    {
      hint:
        `Check with "aws iam list-mfa-devices --user-name ${userName}": if ${serial} is listed, add "mfa_serial = ${serial}" to ` +
        `[profile ${profile}] in ~/.aws/config; if not, delete the unused device ("aws iam delete-virtual-mfa-device --serial-number ${serial}" ` +
        `and "ykman oath accounts delete ${serial}") and run "touchrole mfa register ${profile}" again.`,
      cause: e,
    },
  );
}

async function undo(deps: MfaDeviceDeps, ctx: CallContext, serial: string, onKey: boolean): Promise<string> {
  const notes: string[] = [];
  if (onKey) {
    await deps.key.remove(serial).then(
      () => notes.push('the YubiKey credential was removed'),
      () => notes.push(`remove the YubiKey credential "${serial}" yourself (ykman oath accounts delete)`),
    );
  }
  await deps.iam.deleteVirtualMFADevice(ctx, { serialNumber: serial }).then(
    () => notes.push('the unused IAM MFA device was deleted'),
    () => notes.push(`delete the unused IAM MFA device ${serial} yourself (aws iam delete-virtual-mfa-device --serial-number ${serial})`),
  );
  return notes.join('; ');
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
