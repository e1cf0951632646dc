// SPDX-License-Identifier: MIT
/**
 * The Electron composition root: adapts the real `electron` module to ElectronPort, builds the
 * core backend (which embeds the agent) and starts the tray app. Everything with behaviour lives
 * in the modules it wires, which are tested against test/support/fake-electron.ts.
 */
import { join } from 'node:path';
import * as electron from 'electron';
import { systemClock } from '../../src-shared/time/clock';
import { systemTimers } from '../core/agent';
import { createCoreBackend } from './core-backend';
import type { CoreBackend } from './backend';
import type { ElectronPort } from './electron-port';
import { ipcMainOf } from './ipc';
import { startApp } from './start-app';
import { TRAY_ICON_DATA_URL } from './tray-icon';

// dist/src-main/app/main.js -> dist/renderer/index.html and dist/preload/preload.js (npm run build).
const DIST = join(__dirname, '..', '..');

function electronPort(): ElectronPort {
  return {
    app: electron.app,
    createTray: () => {
      const icon = electron.nativeImage.createFromDataURL(TRAY_ICON_DATA_URL);
      icon.setTemplateImage(true);
      const tray = new electron.Tray(icon);
      return {
        setTitle: (title) => tray.setTitle(title),
        setToolTip: (tooltip) => tray.setToolTip(tooltip),
        setMenu: (template) => tray.setContextMenu(electron.Menu.buildFromTemplate(template)),
      };
    },
    createWindow: (options) => new electron.BrowserWindow(options),
    createNotification: (options) => new electron.Notification(options),
    powerMonitor: electron.powerMonitor,
    shell: electron.shell,
    ipc: ipcMainOf(electron),
  };
}

async function main(): Promise<void> {
  let core: CoreBackend | undefined;
  await startApp({
    electron: electronPort(),
    createBackend: async () => {
      const created = await createCoreBackend({ clock: systemClock, env: process.env });
      core = created;
      return created.backend;
    },
    clock: systemClock,
    timers: systemTimers,
    preloadPath: join(DIST, 'preload', 'preload.js'),
    indexHtmlPath: join(DIST, 'renderer', 'index.html'),
  });
  electron.app.on('will-quit', () => void core?.close());
}

main().catch((e: unknown) => {
  // One line, no stack: a start-up failure is usually a missing service (keychain, pcscd).
  process.stderr.write(`touchrole: ${e instanceof Error ? e.message : String(e)}\n`);
  electron.app.exit(1);
});
