// SPDX-License-Identifier: MIT
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppPort } from './electron-port';

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  app: Pick<AppPort, 'setLoginItemSettings' | 'getPath'>;
  /** The command line that starts the app (Linux autostart entry). */
  launchCommand: readonly string[];
  /** $XDG_CONFIG_HOME when set. */
  xdgConfigHome?: string | undefined;
}

/** Quotes an argument for a desktop entry's Exec key (Desktop Entry Specification, "Exec key"). */
function execArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  return /^[\w/.:@+%-]+$/.test(escaped) ? escaped : `"${escaped.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartFile(o: Pick<LoginItemOptions, 'app' | 'xdgConfigHome'>): string {
  return join(o.xdgConfigHome ?? join(o.app.getPath('home'), '.config'), 'autostart', 'touchrole.desktop');
}

/**
 * "Start at login": app.setLoginItemSettings on macOS and Windows, where Electron implements it;
 * on Linux, where it does nothing, an XDG autostart entry (~/.config/autostart/touchrole.desktop)
 * that every freedesktop session (GNOME, KDE, Xfce...) reads.
 */
export function applyLoginItem(o: LoginItemOptions, openAtLogin: boolean): void {
  if (o.platform !== 'linux') {
    o.app.setLoginItemSettings({ openAtLogin });
    return;
  }
  const file = autostartFile(o);
  if (!openAtLogin) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=touchrole',
    'Comment=Elevate to MFA-protected AWS roles with one touch of a YubiKey',
    `Exec=${o.launchCommand.map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  writeFileSync(file, entry, { mode: 0o644 });
}
