// SPDX-License-Identifier: MIT
/**
 * A small typed fake of the Electron API the app uses (src-main/app/electron-port.ts). It records
 * what the app did and lets a test play the user and the OS: click a menu item, press a
 * notification button, resume from sleep, launch a second instance, switch to dark mode, quit,
 * invoke IPC from some frame. The tray, notifications and IPC parts live in fake-electron-*.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AppPort,
  ElectronPort,
  IpcInvokeEventPort,
  NavigationEvent,
  NotificationOptions,
  PowerMonitorPort,
  ShellPort,
  TrayIconFile,
  WebContentsPort,
  WindowOptions,
  WindowPort,
} from '../../src-main/app/electron-port';
import { FakeIpcMain } from './fake-electron-ipc';
import { FakeDialog, FakeNativeTheme, FakeSession } from './fake-electron-system';
import { Listeners } from './fake-electron-listeners';
import { FakeNotification, FakeTray } from './fake-electron-tray';

export { FakeIpcMain, FakePreload } from './fake-electron-ipc';
export { FakeNotification, FakeTray } from './fake-electron-tray';
export { FakeDialog, FakeNativeTheme, FakeSession } from './fake-electron-system';

export class FakeApp implements AppPort {
  lockAvailable = true;
  quitCalls = 0;
  /** Set when a quit went through (no before-quit listener prevented it). */
  quitted = false;
  exitCode: number | undefined;
  appUserModelId: string | undefined;
  focusCalls: ({ steal: boolean } | undefined)[] = [];
  loginItem: { openAtLogin: boolean } | undefined;
  readonly dock: { hide(): void; hidden: boolean } | undefined;
  /** Everything in order: 'ready', 'before-quit', 'quit prevented', 'quit', 'exit 1', ... */
  readonly events: string[] = [];
  readonly listeners = new Listeners();
  private readonly root = mkdtempSync(join(tmpdir(), 'touchrole-fake-electron-'));
  constructor(platform: NodeJS.Platform) {
    this.dock = platform === 'darwin' ? { hidden: false, hide: () => void (this.dock !== undefined && (this.dock.hidden = true)) } : undefined;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  whenReady(): Promise<void> {
    this.events.push('ready');
    return Promise.resolve();
  }
  /** As Electron: before-quit first; a listener may preventDefault() it. */
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.events.push('before-quit');
    this.listeners.emit('before-quit', { preventDefault: () => (prevented = true) });
    this.events.push(prevented ? 'quit prevented' : 'quit');
    if (!prevented) this.quitted = true;
  }
  exit(code: number): void {
    this.exitCode = code;
    this.events.push(`exit ${code}`);
  }
  focus(options?: { steal: boolean }): void {
    this.focusCalls.push(options);
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = settings;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  /** Real folders under a fresh temporary directory. */
  getPath(name: 'logs' | 'userData' | 'home'): string {
    return join(this.root, name);
  }
  /** The OS relaunches the app (macOS Dock or Finder) or the user starts it again. */
  emit(event: 'activate' | 'second-instance'): void {
    this.listeners.emit(event);
  }
}

export class FakeWebContents implements WebContentsPort {
  readonly mainFrame = { name: 'main frame' };
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Listeners();
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  on(event: string, listener: (event: NavigationEvent, url: string) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  /** The page tries to navigate; returns whether the app prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.listeners.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  /** An invoke event from this page's top frame, or from one of its subframes. */
  sender(frame: 'main' | 'subframe' = 'main'): IpcInvokeEventPort {
    return { sender: this, senderFrame: frame === 'main' ? this.mainFrame : { name: 'subframe' } };
  }
}

export class FakeWindow implements WindowPort {
  readonly webContents = new FakeWebContents();
  readonly listeners = new Listeners();
  loaded: { filePath: string; hash: string | undefined } | undefined;
  visible = false;
  minimized = false;
  destroyed = false;
  focusCount = 0;
  constructor(readonly options: WindowOptions) {}
  loadFile(filePath: string, options?: { hash?: string }): Promise<void> {
    this.loaded = { filePath, hash: options?.hash };
    return Promise.resolve();
  }
  show(): void {
    const wasVisible = this.visible;
    this.visible = true;
    if (!wasVisible) this.listeners.emit('show');
  }
  focus(): void {
    this.focusCount++;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  /** The user closes the window. */
  close(): void {
    this.visible = false;
    this.destroyed = true;
    this.listeners.emit('closed');
  }
}

export class FakePowerMonitor implements PowerMonitorPort {
  readonly listeners = new Listeners();
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  resume(): void {
    this.listeners.emit('resume');
  }
}

export class FakeShell implements ShellPort {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

export class FakeElectron implements ElectronPort {
  readonly app: FakeApp;
  readonly nativeTheme = new FakeNativeTheme();
  readonly session = new FakeSession();
  readonly dialog = new FakeDialog();
  notificationsAvailable = true;
  readonly trays: FakeTray[] = [];
  readonly windows: FakeWindow[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly powerMonitor = new FakePowerMonitor();
  readonly shell = new FakeShell();
  readonly ipc = new FakeIpcMain();
  constructor(readonly platform: NodeJS.Platform = 'linux') {
    this.app = new FakeApp(platform);
  }
  notificationsSupported(): boolean {
    return this.notificationsAvailable;
  }
  createTray(icon: TrayIconFile): FakeTray {
    const tray = new FakeTray(icon);
    this.trays.push(tray);
    return tray;
  }
  createWindow(options: WindowOptions): FakeWindow {
    const window = new FakeWindow(options);
    this.windows.push(window);
    return window;
  }
  createNotification(options: NotificationOptions): FakeNotification {
    const n = new FakeNotification(options);
    this.notifications.push(n);
    return n;
  }
  get tray(): FakeTray {
    const tray = this.trays[0];
    if (tray === undefined) throw new Error('the app created no tray');
    return tray;
  }
  /** The window the app opened last. */
  get window(): FakeWindow {
    const window = this.windows[this.windows.length - 1];
    if (window === undefined) throw new Error('the app opened no window');
    return window;
  }
  notificationTitles(): string[] {
    return this.notifications.filter((n) => n.shown).map((n) => n.options.title);
  }
}
