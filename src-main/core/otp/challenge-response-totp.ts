// SPDX-License-Identifier: MIT
/**
 * A TOTP code from an OTP slot programmed with `ykman otp chalresp --totp <slot> <SECRET>`:
 * the key computes HMAC-SHA1(secret, 8-byte big-endian time step); we truncate (RFC 4226),
 * exactly as `ykman otp calculate --totp` does.
 */
import { TouchroleError } from '../../../src-shared/errors';
import {
  HMAC_RESPONSE_SIZE,
  chalHmacCommand,
  formatVersion,
  isSlotConfigured,
  padHmacChallenge,
  versionAtLeast,
  type OtpSlot,
} from '../../../src-shared/otp-hid';
import { DEFAULT_PERIOD_SECONDS, counterBytes, dynamicTruncate, formatCode, timeStep } from '../../../src-shared/oath-codec/totp';
import type { OtpHidDevice } from '../transport/hid';
import { OtpCommandRejected } from './hid-errors';
import { readStatus, sendAndReceive, type OtpWaitOptions } from './otp-hid-protocol';

export interface ChallengeResponseTotpRequest extends OtpWaitOptions {
  device: OtpHidDevice;
  slot: OtpSlot;
  /** The moment the code is for, in Unix milliseconds (from the injected Clock). */
  nowMs: number;
  digits?: 6 | 8;
  /** Seconds per step; ykman's TOTP slots use 30. */
  period?: number;
}

export interface ChallengeResponseTotp {
  code: string;
  /** RFC 6238 T, so callers can tell two codes of the same step apart (AWS takes each once). */
  timeStep: number;
  /** When this code's step ends, in Unix milliseconds. */
  validUntilMs: number;
}

// yubikit `calculate_hmac_sha1`: require_version(2, 2, 0); `is_configured` needs 2.1.
const HMAC_MIN_VERSION = [2, 2, 0] as const;

function programHint(slot: OtpSlot): string {
  return `Program it with: ykman otp chalresp --totp ${slot} <BASE32 SECRET>`;
}

export async function readChallengeResponseTotp(request: ChallengeResponseTotpRequest): Promise<ChallengeResponseTotp> {
  const { device, slot, nowMs } = request;
  const digits = request.digits ?? 6;
  const period = request.period ?? DEFAULT_PERIOD_SECONDS;
  if (!Number.isInteger(period) || period <= 0) throw new RangeError(`invalid TOTP period ${period}`);

  const status = await readStatus(device);
  if (!versionAtLeast(status.version, HMAC_MIN_VERSION)) {
    throw new TouchroleError('hid-error', `This YubiKey (firmware ${formatVersion(status.version)}) cannot do HMAC-SHA1 challenge-response`, {
      hint: 'Use a YubiKey with firmware 2.2 or later, or its OATH applet over PC/SC.',
    });
  }
  if (!isSlotConfigured(status, slot)) {
    throw new TouchroleError('otp-slot-not-programmed', `YubiKey OTP slot ${slot} is empty`, { hint: programHint(slot) });
  }

  const step = timeStep(nowMs, period);
  let hmac: Uint8Array;
  try {
    hmac = await sendAndReceive(device, chalHmacCommand(slot), padHmacChallenge(counterBytes(step)), HMAC_RESPONSE_SIZE, request);
  } catch (e) {
    if (!(e instanceof OtpCommandRejected)) throw e;
    throw new TouchroleError('otp-slot-not-programmed', `YubiKey OTP slot ${slot} is not programmed for HMAC-SHA1 challenge-response`, {
      hint: programHint(slot),
      cause: e,
    });
  }
  return {
    code: formatCode(dynamicTruncate(hmac), digits),
    timeStep: step,
    validUntilMs: (step + 1) * period * 1000,
  };
}
