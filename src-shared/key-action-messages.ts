// SPDX-License-Identifier: MIT
/** What the key rotation and MFA device flows tell the user: the same words in the CLI and the window. */

export function rotatedMessage(
  name: string,
  r: { oldKey: 'deleted' | 'inactive'; oldAccessKeyId: string; newAccessKeyId: string; storedIn: string; deleteAfter?: string },
): string {
  const tail =
    r.oldKey === 'deleted'
      ? `old key ${r.oldAccessKeyId} deleted`
      : `old key ${r.oldAccessKeyId} is inactive; run \`touchrole keys rotate ${name} --finish\` after ${r.deleteAfter ?? ''} to delete it`;
  return `Rotated "${name}": new key ${r.newAccessKeyId} stored in ${r.storedIn} and working; ${tail}`;
}

export function finishedMessage(name: string, r: { deletedAccessKeyId: string; alreadyGone: boolean }): string {
  return `Deleted old key ${r.deletedAccessKeyId} of "${name}"${r.alreadyGone ? ' (it was already gone from IAM)' : ''}`;
}

export function registeredMessage(name: string, r: { serialNumber: string; userName: string }): string {
  return `Registered the YubiKey as MFA device ${r.serialNumber} for IAM user ${r.userName}; mfa_serial set in profile "${name}"`;
}

export function unregisteredMessage(name: string, r: { serialNumber: string; removedFromKey: boolean }): string {
  const where = r.removedFromKey ? ' from IAM and the YubiKey' : ' from IAM (the YubiKey had no credential for it)';
  return `Removed MFA device ${r.serialNumber}${where}; mfa_serial removed from "${name}"`;
}

/** Said before the touches of a registration (the CLI on stderr, the window in its touch prompt). */
export const REGISTER_TOUCH_NOTICE = 'touch the YubiKey twice when it blinks (two codes for AWS)';
