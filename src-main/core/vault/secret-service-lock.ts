// SPDX-License-Identifier: MIT

/**
 * Linux only: asks the Secret Service whether the default collection (the one keytar uses) is
 * locked. Needed because on a locked collection libsecret, through keytar, reads as "not found"
 * and findCredentials crashes the process (a NULL secret value: observed with gnome-keyring).
 * Returns undefined when it cannot tell (no dbus-send, no bus, no provider, no default
 * collection); the keytar call that follows then reports the real problem.
 */
export async function secretServiceLocked(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5_000): Promise<boolean | undefined> {
  // Loaded when asked: without a session bus the keychain never asks (an elevation then loads no node:child_process).
  const { execFile } = await import('node:child_process');
  const args = [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets/aliases/default',
    'org.freedesktop.DBus.Properties.Get',
    'string:org.freedesktop.Secret.Collection',
    'string:Locked',
  ];
  return new Promise((resolve) => {
    execFile('dbus-send', args, { env, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => {
      if (error) return resolve(undefined);
      const m = /boolean\s+(true|false)/.exec(stdout);
      resolve(m ? m[1] === 'true' : undefined);
    });
  });
}
