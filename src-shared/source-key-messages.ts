// SPDX-License-Identifier: MIT
/** What `touchrole keys add|import|remove|list` tell the user: the same words in the CLI and the window. Never a secret. */

export function storedMessage(profile: string, accessKeyId: string): string {
  return `Stored ${accessKeyId} for profile "${profile}" in the keychain`;
}

export function importedMessage(r: { profile: string; accessKeyId: string; path: string; removedKeys: readonly string[] }): string {
  return `Moved ${r.accessKeyId} of profile "${r.profile}" into the keychain and removed ${r.removedKeys.join(', ')} from ${r.path}`;
}

export function removedMessage(profile: string, mfaSessionsRemoved: number): string {
  const also = mfaSessionsRemoved > 0 ? ' and its cached MFA session' : '';
  return `Removed the keys of profile "${profile}" from the keychain${also}`;
}

/** Said before a removal (the CLI's help, the window's confirmation): the keychain forgets the key, IAM does not. */
export const REMOVE_KEEPS_IAM_KEY = 'The key stays valid in IAM: deactivate it there too if you no longer need it.';
