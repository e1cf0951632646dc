// SPDX-License-Identifier: MIT
/**
 * The Electron composition root: adapts the real `electron` module to ElectronPort, builds the
 * core backend (which embeds the agent, or attaches to one that already runs) and starts the
 * tray app. Everything with behaviour lives in the modules it wires, which are tested against
 * test/support/fake-electron.ts; a start-up failure is shown in a dialog and logged.
 */
import { join } from 'node:path';
import * as electron from 'electron';
import { TouchroleError } from '../../src-shared/errors';
import { systemClock } from '../../src-shared/time/clock';
import { systemTimers, type AppBackend } from '../core/agent';
import { AppLog } from './app-log';
import { attachToAgent } from './attached-backend';
import { installCli } from './cli-install';
import { createCoreBackend } from './core-backend';
import type { ElectronPort } from './electron-port';
import { ipcMainOf } from './ipc';
import { applyLoginItem } from './login-item';
import { reportStartupFailure } from './startup-failure';
import { startApp } from './start-app';
import { trayAvailable } from './tray-availability';

// dist/src-main/app/main.js -> dist/renderer/index.html and dist/preload/preload.js (npm run build);
// assets/ sits beside dist/ in the checkout and in the packaged app.
const DIST = join(__dirname, '..', '..');
const ASSETS = join(DIST, '..', 'assets');

function electronPort(): ElectronPort {
  return {
    app: electron.app,
    platform: process.platform,
    nativeTheme: electron.nativeTheme,
    // The default session exists only once the app is ready: read it then (startApp does).
    get session() {
      return electron.session.defaultSession;
    },
    dialog: electron.dialog,
    notificationsSupported: () => electron.Notification.isSupported(),
    createTray: (icon) => {
      const image = (file: typeof icon): Electron.NativeImage => {
        const img = electron.nativeImage.createFromPath(file.path);
        img.setTemplateImage(file.template);
        return img;
      };
      const tray = new electron.Tray(image(icon));
      return {
        setImage: (next) => tray.setImage(image(next)),
        on: (event, listener) => tray.on(event, listener),
        popUpContextMenu: () => tray.popUpContextMenu(),
        setTitle: (title) => tray.setTitle(title),
        setToolTip: (tooltip) => tray.setToolTip(tooltip),
        setMenu: (template) => tray.setContextMenu(electron.Menu.buildFromTemplate(template)),
      };
    },
    createWindow: (options) => new electron.BrowserWindow(options),
    createNotification: (options) => new electron.Notification(options),
    get powerMonitor() {
      return electron.powerMonitor;
    },
    shell: electron.shell,
    ipc: ipcMainOf(electron),
  };
}

/** The embedded agent, or the one already running (a `touchrole agent` from a terminal). */
async function coreBackend(log: AppLog): Promise<AppBackend> {
  const o = { clock: systemClock, env: process.env };
  try {
    return await createCoreBackend({ ...o, log: (line) => log.info('agent', line) });
  } catch (e) {
    if (!(e instanceof TouchroleError) || e.code !== 'agent-already-running') throw e;
    const attached = await attachToAgent(o);
    if (attached === undefined) throw e;
    log.info('startup', 'a touchrole agent already runs: attached to it as a client');
    return attached;
  }
}

async function main(port: ElectronPort, log: AppLog): Promise<void> {
  const { app } = electron;
  // The packaged app starts itself; `npm start` runs Electron on the app folder.
  const launchCommand =
    process.env['APPIMAGE'] !== undefined ? [process.env['APPIMAGE']] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
  const offerCli = app.isPackaged && (process.platform === 'darwin' || process.platform === 'win32');
  const trayApp = await startApp({
    electron: port,
    createBackend: () => coreBackend(log),
    trayAvailable: () => trayAvailable(process.platform),
    clock: systemClock,
    timers: systemTimers,
    preloadPath: join(DIST, 'preload', 'preload.js'),
    indexHtmlPath: join(DIST, 'renderer', 'index.html'),
    assetsDir: ASSETS,
    reportError: (source, what, e) => log.error(source, what, e),
    applyLoginItem: (open) => applyLoginItem({ platform: process.platform, app, launchCommand, xdgConfigHome: process.env['XDG_CONFIG_HOME'] }, open),
    ...(offerCli ? { installCli: () => installCli({ platform: process.platform, resourcesPath: process.resourcesPath }) } : {}),
  });
  // test/e2e/electron-smoke.test.ts drives the tray through this main-process global (never the page's).
  if (process.env['TOUCHROLE_SMOKE_TEST'] === '1' && trayApp !== undefined) Object.assign(globalThis, { touchroleSmoke: trayApp });
}

const port = electronPort();
const log = new AppLog({ dir: electron.app.getPath('logs') });
process.on('uncaughtException', (e) => log.error('process', 'uncaught exception', e));
process.on('unhandledRejection', (e) => log.error('process', 'unhandled rejection', e));
main(port, log).catch((e: unknown) => reportStartupFailure(port, log, e));
