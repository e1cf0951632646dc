// SPDX-License-Identifier: MIT

/**
 * RoleSessionName that identifies the user in CloudTrail: `touchrole-<username>`, reduced to
 * the characters AWS allows ([\w+=,.@-]) and to its 64-character limit.
 */
export function defaultRoleSessionName(username: string): string {
  const clean = username.replace(/[^\w+=,.@-]/g, '-').replace(/^-+|-+$/g, '');
  return (clean === '' ? 'touchrole' : `touchrole-${clean}`).slice(0, 64);
}
