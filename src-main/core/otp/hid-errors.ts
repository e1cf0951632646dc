// SPDX-License-Identifier: MIT
/** Errors of the HID OTP path: low-level signals, and the one place they become user errors. */
import { TouchroleError, isTouchroleError } from '../../../src-shared/errors';

/**
 * The key answered a command with its status and no data: the slot holds no configuration the
 * command can use (or, for the serial, the key keeps it hidden). Callers translate it.
 */
export class OtpCommandRejected extends Error {
  constructor(readonly command: number) {
    super(`YubiKey rejected OTP command 0x${command.toString(16)}`);
    this.name = 'OtpCommandRejected';
  }
}

const REPLUG_HINT = 'Check that the YubiKey is plugged in, then try again.';

/** Runs one device call; anything node-hid throws becomes a 'hid-error' a user can act on. */
export async function hidIo<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isTouchroleError(e)) throw e;
    throw new TouchroleError('hid-error', `Lost contact with the YubiKey's OTP interface while ${what}`, {
      hint: REPLUG_HINT,
      cause: e,
    });
  }
}

export function hidProtocolError(message: string): TouchroleError {
  return new TouchroleError('hid-error', message, { hint: REPLUG_HINT });
}

export function touchTimeoutError(): TouchroleError {
  return new TouchroleError('touch-timeout', 'The YubiKey was not touched in time', {
    hint: 'Touch the YubiKey when it blinks, then try again.',
  });
}

export function cancelledError(): TouchroleError {
  return new TouchroleError('cancelled', 'Reading the code from the YubiKey was cancelled');
}
