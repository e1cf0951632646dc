// SPDX-License-Identifier: MIT
import type { AppBackend } from './backend';
import { TrayApp, type TrayAppOptions } from './tray-app';

export type StartAppOptions = Omit<TrayAppOptions, 'backend'> & {
  /** Called only in the first instance, so a second launch never starts a second agent. */
  createBackend: () => Promise<AppBackend>;
};

/**
 * Starts the tray app once per user session: a second launch only brings the first one's window
 * forward and exits. Returns undefined in that second process.
 */
export async function startApp(options: StartAppOptions): Promise<TrayApp | undefined> {
  const { app } = options.electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  let trayApp: TrayApp | undefined;
  app.on('second-instance', () => trayApp?.focus());
  // A tray app outlives its window: without this listener Electron quits when it closes.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();
  const { createBackend, ...rest } = options;
  trayApp = new TrayApp({ ...rest, backend: await createBackend() });
  await trayApp.start();
  return trayApp;
}
