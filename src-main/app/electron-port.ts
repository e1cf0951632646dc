// SPDX-License-Identifier: MIT
/**
 * The parts of Electron the app uses, as small interfaces. The app modules receive these as
 * parameters, so they run under test/support/fake-electron.ts; main.ts adapts the real
 * `electron` module to them (and the compiler checks that the real API fits).
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface AppPort {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  /** macOS: the app was relaunched from Finder or the Dock. */
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  whenReady(): Promise<unknown>;
  quit(): void;
  /** Ends at once, without before-quit (start-up failures only). */
  exit(code: number): void;
  /** macOS: makes the app active, so a window shown from the tray comes to the front. */
  focus(options?: { steal: boolean }): void;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  /** Windows: the identity toasts are shown under (the installer's shortcut carries the same id). */
  setAppUserModelId(id: string): void;
  getPath(name: 'logs' | 'userData' | 'home'): string;
  /** macOS only (undefined elsewhere). */
  readonly dock?: { hide(): void } | undefined;
}

/** Which icon file the tray shows; `template` (macOS) lets the menu bar tint it. */
export interface TrayIconFile {
  path: string;
  template: boolean;
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
  setImage(icon: TrayIconFile): void;
  on(event: 'click', listener: () => void): unknown;
  /** Opens the context menu (Windows: a left click does not by itself). */
  popUpContextMenu(): void;
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
  /** The page's top frame: the only frame whose IPC calls are accepted. */
  readonly mainFrame: unknown;
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
  on(event: 'close', listener: () => void): unknown;
  on(event: 'failed', listener: () => void): unknown;
}

export interface PowerMonitorPort {
  on(event: 'resume', listener: () => void): unknown;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
}

/** What ipc.ts sees of an invoke event: who sent it (compared by identity, never by URL). */
export interface IpcInvokeEventPort {
  readonly sender: unknown;
  readonly senderFrame: unknown;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcInvokeEventPort, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface NativeThemePort {
  readonly shouldUseDarkColors: boolean;
  on(event: 'updated', listener: () => void): unknown;
}

export type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
export type PermissionCheckHandler = (webContents: unknown, permission: string) => boolean;

/** The default session: where the window's permission requests land. */
export interface SessionPort {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void;
}

export interface DialogPort {
  /** Works before `ready` too: the one way a start-up failure reaches a GUI user. */
  showErrorBox(title: string, content: string): void;
  showMessageBox(options: { type: 'info' | 'warning' | 'error'; title: string; message: string; detail: string }): Promise<unknown>;
}

/** Everything the main-process modules use. */
export interface ElectronPort {
  app: AppPort;
  platform: NodeJS.Platform;
  nativeTheme: NativeThemePort;
  session: SessionPort;
  dialog: DialogPort;
  /** Notification.isSupported(). */
  notificationsSupported(): boolean;
  createTray(icon: TrayIconFile): TrayPort;
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
