// SPDX-License-Identifier: MIT
/**
 * The parts of Electron the app uses, as small interfaces. The app modules receive these as
 * parameters, so they run under test/support/fake-electron.ts; main.ts adapts the real
 * `electron` module to them (and the compiler checks that the real API fits).
 */

export interface AppPort {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  whenReady(): Promise<unknown>;
  quit(): void;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/** A menu item as Menu.buildFromTemplate takes it (the subset we use). */
export interface MenuTemplateItem {
  label?: string;
  type?: 'separator';
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

export interface TrayPort {
  /** macOS shows this next to the icon; elsewhere it is a no-op and the tooltip carries it. */
  setTitle(title: string): void;
  setToolTip(tooltip: string): void;
  /** Builds the menu from the template and sets it as the tray's context menu. */
  setMenu(template: MenuTemplateItem[]): void;
}

export interface NavigationEvent {
  preventDefault(): void;
}

export interface WebContentsPort {
  on(event: 'will-navigate', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
}

export interface WindowPort {
  readonly webContents: WebContentsPort;
  loadFile(filePath: string, options?: { hash?: string }): Promise<void>;
  show(): void;
  focus(): void;
  isVisible(): boolean;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'show', listener: () => void): unknown;
  on(event: 'hide', listener: () => void): unknown;
}

/** The options window.ts builds; a subset of BrowserWindowConstructorOptions. */
export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    sandbox: true;
    contextIsolation: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    spellcheck: false;
  };
}

export interface NotificationOptions {
  title: string;
  body: string;
  actions?: { type: 'button'; text: string }[];
}

export interface NotificationPort {
  show(): void;
  close(): void;
  on(event: 'action', listener: (event: unknown, index: number) => void): unknown;
  on(event: 'click', listener: () => void): unknown;
}

export interface PowerMonitorPort {
  on(event: 'resume', listener: () => void): unknown;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
}

/** What ipc.ts sees of an invoke event: who sent it. */
export interface IpcInvokeEventPort {
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcInvokeEventPort, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Everything the main-process modules use. */
export interface ElectronPort {
  app: AppPort;
  createTray(): TrayPort;
  createWindow(options: WindowOptions): WindowPort;
  createNotification(options: NotificationOptions): NotificationPort;
  powerMonitor: PowerMonitorPort;
  shell: ShellPort;
  /** Electron's main-process IPC; only ipc.ts obtains and uses it. */
  ipc: IpcMainPort;
}

/** What preload.ts uses (it runs in the window's isolated world, not in main). */
export interface PreloadPort {
  contextBridge: { exposeInMainWorld(apiKey: string, api: unknown): void };
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  };
}
