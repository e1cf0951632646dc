// SPDX-License-Identifier: MIT
import type { TouchInfo } from './touch-prompter';

/** Credential names come from the YubiKey: strip control characters before they reach a terminal. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** One line for a terminal, e.g. "Touch your YubiKey (serial 123) to elevate to admin [arn:aws:iam::1:mfa/a]". */
export function touchMessage(info: TouchInfo): string {
  const device = info.device === undefined ? '' : ` (${printable(info.device)})`;
  return `Touch your YubiKey${device} to ${printable(info.purpose)} [${printable(info.credential)}]`;
}

/** A notification body under the title "Touch your YubiKey", e.g. "To elevate to admin: arn:aws:iam::1:mfa/a". */
export function touchBody(info: TouchInfo): string {
  const device = info.device === undefined ? '' : ` (${printable(info.device)})`;
  return `To ${printable(info.purpose)}${device}: ${printable(info.credential)}`;
}
