// SPDX-License-Identifier: MIT
import { execFile } from 'node:child_process';

/**
 * Whether a Linux desktop will show a tray icon at all. Electron's Linux tray is a
 * StatusNotifierItem; it appears only where a StatusNotifierWatcher owns its D-Bus name (KDE,
 * Xfce, Cinnamon, GNOME with the AppIndicator extension; plain GNOME has none). Asked of the
 * session bus with gdbus (part of GLib, on every GNOME); when that cannot be asked, the answer
 * is "no", so the window opens rather than the app being invisible. Other platforms always
 * have a tray.
 */
export type RunCommand = (file: string, args: readonly string[], done: (error: Error | null, stdout: string) => void) => void;

const runWithTimeout: RunCommand = (file, args, done) => {
  execFile(file, args, { timeout: 3000, encoding: 'utf8' }, (error, stdout) => done(error, stdout));
};

export function trayAvailable(platform: NodeJS.Platform, run: RunCommand = runWithTimeout): Promise<boolean> {
  if (platform !== 'linux') return Promise.resolve(true);
  const args = [
    'call',
    '--session',
    '--timeout',
    '2',
    '--dest',
    'org.freedesktop.DBus',
    '--object-path',
    '/org/freedesktop/DBus',
    '--method',
    'org.freedesktop.DBus.NameHasOwner',
    'org.kde.StatusNotifierWatcher',
  ];
  return new Promise((resolve) => {
    run('gdbus', args, (error, stdout) => resolve(error === null && /\(true,?\)/.test(stdout)));
  });
}
