// SPDX-License-Identifier: MIT
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppBackend } from '../core/agent';
import { closeBeforeQuit } from './quit';
import { refuseAllPermissions } from './security';
import { TrayApp, type TrayAppOptions } from './tray-app';

/** electron-builder.yml's appId: Windows shows toasts only for an app with this identity. */
export const APP_ID = 'dev.touchrole.app';

export type StartAppOptions = Omit<TrayAppOptions, 'backend'> & {
  /** Called only in the first instance, so a second launch never starts a second agent. */
  createBackend: () => Promise<AppBackend>;
  /** Whether the desktop shows tray icons (tray-availability.ts). */
  trayAvailable: () => Promise<boolean>;
};

/** True the first time touchrole runs for this user (a marker in app.getPath('userData')). */
export function firstRun(userData: string): boolean {
  const marker = join(userData, 'first-run-done');
  if (existsSync(marker)) return false;
  mkdirSync(userData, { recursive: true });
  writeFileSync(marker, '');
  return true;
}

/**
 * Starts the tray app once per user session: a second launch (or, on macOS, a relaunch from
 * Finder or the Dock) only brings the window forward. Returns undefined in a second process.
 */
export async function startApp(options: StartAppOptions): Promise<TrayApp | undefined> {
  const { app, platform } = options.electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
  // Set once the app is ready; a second launch before that has nothing to focus yet.
  let trayApp: TrayApp | undefined = undefined;
  app.on('second-instance', () => trayApp?.focus());
  app.on('activate', () => trayApp?.focus());
  // A tray app outlives its window: without this listener Electron quits when it closes.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();
  // LSUIElement hides the Dock icon of the packaged app; this also covers `npm start`.
  app.dock?.hide();
  refuseAllPermissions(options.electron.session);
  const { createBackend, trayAvailable, ...rest } = options;
  const backend = await createBackend();
  closeBeforeQuit({ app, close: () => backend.close(), timers: options.timers, onError: (e) => options.reportError?.('process', 'closing the core', e) });
  trayApp = new TrayApp({ ...rest, backend });
  await trayApp.start();
  // No tray icon to click (GNOME without AppIndicator) or a user who has never seen touchrole:
  // the window is the only sign that it runs.
  const first = firstRun(app.getPath('userData'));
  if (first || !(await trayAvailable())) trayApp.showWindow('sessions');
  return trayApp;
}
