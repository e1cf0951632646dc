// SPDX-License-Identifier: MIT
/**
 * Status words -> TouchroleError, done once for every front-end. What a SW means depends on
 * the command (0x6984 is "no such credential" to CALCULATE but "wrong password" to VALIDATE,
 * 0x6982 after a touch wait is a touch timeout), so callers say which operation failed.
 */
import { TouchroleError } from '../../../src-shared/errors';
import { formatStatus, SW_AUTH_REQUIRED, SW_FILE_NOT_FOUND, SW_NO_SPACE, SW_NO_SUCH_OBJECT, TlvError } from '../../../src-shared/oath-codec';
import { ApduError } from './apdu-channel';

export type OathOperation = 'select' | 'calculate' | 'calculate-touch' | 'validate' | 'put' | 'delete' | 'command';

export function lockedError(): TouchroleError {
  return new TouchroleError('oath-locked', 'The YubiKey OATH applet is password protected', {
    hint: 'run `touchrole yubikey unlock` once; the derived key is kept in your keychain',
  });
}

export function wrongPasswordError(): TouchroleError {
  return new TouchroleError('oath-wrong-password', 'Wrong OATH password for this YubiKey', {
    hint: 'try again with the password set in Yubico Authenticator or `ykman oath access change`',
  });
}

export function touchTimeoutError(credential: string): TouchroleError {
  return new TouchroleError('touch-timeout', `The YubiKey was not touched in time for "${credential}"`, {
    hint: 'run the command again and touch the YubiKey when it blinks',
  });
}

export function noSuchCredentialError(credential: string): TouchroleError {
  return new TouchroleError('oath-no-such-credential', `No OATH credential "${credential}" on this YubiKey`, {
    hint: 'list them with `touchrole yubikey list`',
  });
}

/** The card answered 9000 with data that is not YKOATH (a glitch, a half-inserted key, a card that is not a YubiKey). */
export function badResponseError(cause: unknown): TouchroleError {
  return new TouchroleError('yubikey-bad-response', 'The YubiKey answered something touchrole cannot read', {
    hint: 'remove and re-insert it, then try again',
    cause,
  });
}

/**
 * Runs a parser over the card's reply. The codecs throw TlvError or RangeError on bytes they
 * cannot read; from a card that is the card's fault, not a touchrole bug.
 */
export function parseReply<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof TlvError || e instanceof RangeError) throw badResponseError(e);
    throw e;
  }
}

/** Translate a low-level failure of `op` (on `credential`, when there is one). */
export function toOathError(e: unknown, op: OathOperation, credential = ''): unknown {
  if (!(e instanceof ApduError)) return e;
  const sw = e.sw;
  if (op === 'select' && sw === SW_FILE_NOT_FOUND) {
    return new TouchroleError('oath-applet-missing', 'This card has no OATH applet (not a YubiKey, or OATH is disabled)', {
      hint: 'enable OATH/CCID with `ykman config usb --enable OATH`',
    });
  }
  if (op === 'validate' && (sw === SW_NO_SUCH_OBJECT || sw === SW_AUTH_REQUIRED)) return wrongPasswordError();
  if (op === 'calculate-touch' && sw === SW_AUTH_REQUIRED) return touchTimeoutError(credential);
  if (sw === SW_AUTH_REQUIRED) return lockedError();
  if (sw === SW_NO_SUCH_OBJECT && (op === 'calculate' || op === 'calculate-touch' || op === 'delete')) {
    return noSuchCredentialError(credential);
  }
  if (sw === SW_NO_SPACE) {
    return new TouchroleError('oath-no-space', 'The YubiKey has no room for another OATH credential', {
      hint: 'delete an unused credential with `ykman oath accounts delete`',
    });
  }
  return new TouchroleError('oath-error', `The YubiKey OATH applet refused the command (${formatStatus(sw)})`, { cause: e });
}
