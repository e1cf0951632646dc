// SPDX-License-Identifier: MIT
/**
 * PC/SC failures as TouchroleErrors. Apart from pcsc.ts (which imports the native binding), so
 * that a binding that fails to load can still be reported as what it is.
 * The binding rejects with plain Errors carrying pcsc-lite's text, so failures are classified by that text.
 */
import { TouchroleError } from '../../../src-shared/errors';

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function isServiceDown(msg: string): boolean {
  return /service not running|service stopped|no service/i.test(msg);
}
export function isSharingViolation(msg: string): boolean {
  return /sharing violation/i.test(msg);
}
const CARD_GONE = new RegExp(
  [
    'card was removed',
    'no smart card present',
    'reader unavailable',
    'unknown reader',
    'card is unpowered',
    'card was reset',
    'card is not connected',
    'unresponsive',
    'communication error',
  ].join('|'),
  'i',
);

function isCardGone(msg: string): boolean {
  return CARD_GONE.test(msg);
}

/** pcscd is not running (or not reachable): no reader can be seen at all. */
export function pcscUnavailable(cause?: unknown): TouchroleError {
  return new TouchroleError('pcsc-unavailable', 'PC/SC unavailable: the PC/SC service (pcscd) is not running', {
    hint: 'start pcscd: `sudo systemctl start pcscd.socket` (or run `pcscd`); on macOS and Windows the smart-card service is part of the system',
    cause,
  });
}

/** The PC/SC binding (`smartcard`) did not load: touchrole cannot reach any smart card. */
export function pcscBindingUnavailable(cause: unknown): TouchroleError {
  const reason = (messageOf(cause).split('\n')[0] ?? '').slice(0, 200);
  return new TouchroleError('pcsc-unavailable', `PC/SC unavailable: the PC/SC binding (smartcard) could not be loaded (${reason})`, {
    hint: 'install the PC/SC library (Debian/Ubuntu: `sudo apt install libpcsclite1 pcscd`), then reinstall touchrole so its native module matches this system',
    cause,
  });
}

export function yubikeyBusy(reader: string): TouchroleError {
  return new TouchroleError('yubikey-busy', `The YubiKey in "${reader}" is in use by another program`, {
    hint:
      "usually gpg-agent's scdaemon (run `gpgconf --kill scdaemon`), Yubico Authenticator, " +
      'or another PC/SC client holding it exclusively: close it and try again',
  });
}

export function yubikeyRemoved(reader: string, cause?: unknown): TouchroleError {
  return new TouchroleError('yubikey-removed', `The YubiKey was removed from "${reader}" during the operation`, {
    hint: 'insert it again and retry',
    cause,
  });
}

/** Map a binding failure on `reader` to a TouchroleError; anything unrecognised is a reader problem ('pcsc-error'). */
export function mapPcscError(e: unknown, reader: string): TouchroleError {
  if (e instanceof TouchroleError) return e;
  const msg = messageOf(e);
  if (isServiceDown(msg)) return pcscUnavailable(e);
  if (isSharingViolation(msg)) return yubikeyBusy(reader);
  if (isCardGone(msg)) return yubikeyRemoved(reader, e);
  return new TouchroleError('pcsc-error', `PC/SC error on "${reader}": ${msg.split('\n')[0] ?? ''}`, {
    hint: 'remove and re-insert the YubiKey; if it persists, restart pcscd (`sudo systemctl restart pcscd`)',
    cause: e,
  });
}
