// SPDX-License-Identifier: MIT
import { execFileSync } from 'node:child_process';

/**
 * Integration tests that need a Secret Service call this first: it throws (fails the test,
 * never skips it) with instructions when the process is not inside a D-Bus session that has
 * org.freedesktop.secrets, i.e. when it was not started by scripts/with-keyring.sh or
 * scripts/test.sh.
 */
export function requireSecretService(): void {
  const howTo = 'run it as `bash scripts/with-keyring.sh npx vitest run <path>` (or via scripts/test.sh)';
  if (!process.env['DBUS_SESSION_BUS_ADDRESS']) {
    throw new Error(`No D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset): this test needs gnome-keyring; ${howTo}`);
  }
  let reply: string;
  try {
    reply = execFileSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { encoding: 'utf8', timeout: 5_000 },
    );
  } catch (e) {
    throw new Error(`Cannot reach the D-Bus session bus (${String(e)}); ${howTo}`);
  }
  if (!/boolean true/.test(reply)) {
    throw new Error(`No Secret Service (org.freedesktop.secrets) on the D-Bus session; ${howTo}`);
  }
}
