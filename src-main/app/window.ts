// SPDX-License-Identifier: MIT
import { IPC_EVENT_CHANNELS, type IpcEventName, type IpcEvents, type WindowView } from '../../src-shared/ipc-contract';
import type { ElectronPort, IpcInvokeEventPort, ShellPort, WindowOptions, WindowPort } from './electron-port';
import { isAllowedExternalUrl } from './external-url';
import { isTrustedSender } from './ipc';

/**
 * The ONE place BrowserWindow options are built: the page gets no Node, runs sandboxed in an
 * isolated world, and reaches main only through the preload's typed contract.
 */
export function buildWindowOptions(preloadPath: string): WindowOptions {
  return {
    width: 880,
    height: 680,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'touchrole',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** The page never navigates away or opens windows; AWS console links go to the system browser. */
export function lockDownNavigation(window: WindowPort, shell: ShellPort, onError: (e: unknown) => void = () => undefined): void {
  const deny = (event: { preventDefault(): void }): void => event.preventDefault();
  window.webContents.on('will-navigate', deny);
  window.webContents.on('will-redirect', deny);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) shell.openExternal(url).catch(onError);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions {
  electron: Pick<ElectronPort, 'createWindow' | 'shell' | 'app' | 'platform'>;
  preloadPath: string;
  indexHtmlPath: string;
  /** Called when the window appears, hides or closes (the tray ticks faster while it shows). */
  onVisibilityChange?: () => void;
  /** A failure with nobody waiting for it (loading the page, opening a link). */
  onError?: (what: string, e: unknown) => void;
}

/** The window, created on demand and dropped when closed: the app lives in the tray. */
export class MainWindow {
  private window: WindowPort | undefined;

  constructor(private readonly options: MainWindowOptions) {}

  /** The sender check ipc.ts applies: our window's webContents and its top frame, by identity. */
  isOwnSender(event: IpcInvokeEventPort): boolean {
    const window = this.window;
    return window !== undefined && !window.isDestroyed() && isTrustedSender(event, window.webContents);
  }

  show(view: WindowView = 'sessions'): void {
    // A menu-bar app is not the active app when its tray is clicked: without this the window
    // opens behind the frontmost one on macOS.
    if (this.options.electron.platform === 'darwin') this.options.electron.app.focus({ steal: true });
    const existing = this.window;
    if (existing !== undefined && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      this.send('showView', view);
      return;
    }
    const window = this.options.electron.createWindow(buildWindowOptions(this.options.preloadPath));
    const onError =
      (what: string) =>
      (e: unknown): void =>
        this.options.onError?.(what, e);
    lockDownNavigation(window, this.options.electron.shell, onError('opening a link'));
    const changed = (): void => this.options.onVisibilityChange?.();
    window.on('show', changed);
    window.on('hide', changed);
    window.on('closed', () => {
      this.window = undefined;
      changed();
    });
    this.window = window;
    window.loadFile(this.options.indexHtmlPath, { hash: view }).then(() => {
      window.show();
      window.focus();
    }, onError('loading the window'));
  }

  /** Brings an open window to the front (a second instance was started); false when none is open. */
  focus(): boolean {
    if (this.window === undefined || this.window.isDestroyed()) return false;
    this.show();
    return true;
  }

  isShowing(): boolean {
    return this.window !== undefined && !this.window.isDestroyed() && this.window.isVisible();
  }

  send<E extends IpcEventName>(event: E, data: IpcEvents[E]): void {
    if (this.window === undefined || this.window.isDestroyed()) return;
    this.window.webContents.send(IPC_EVENT_CHANNELS[event], data);
  }
}
