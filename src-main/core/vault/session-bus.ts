// SPDX-License-Identifier: MIT
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Linux: whether libsecret could reach a D-Bus session bus at all. GDBus uses
 * DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus, else X11 autolaunch (needs $DISPLAY).
 * With none of them (SSH sessions, CI, containers) the Secret Service cannot answer, and asking
 * costs a dbus-send child and loading keytar on every command that lists keys.
 */
export function sessionBusConceivable(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['DBUS_SESSION_BUS_ADDRESS'] || env['DISPLAY']) return true;
  const runtime = env['XDG_RUNTIME_DIR'];
  return runtime !== undefined && runtime !== '' && existsSync(join(runtime, 'bus'));
}
