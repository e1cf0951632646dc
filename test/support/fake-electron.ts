// SPDX-License-Identifier: MIT
/**
 * A small typed fake of the Electron API the app uses (src-main/app/electron-port.ts). It records
 * what the app did and lets a test play the user and the OS: click a menu item, press a
 * notification button, resume from sleep, launch a second instance, invoke IPC from some page.
 */
import type {
  AppPort,
  ElectronPort,
  IpcInvokeEventPort,
  IpcMainPort,
  MenuTemplateItem,
  NavigationEvent,
  NotificationOptions,
  NotificationPort,
  PowerMonitorPort,
  PreloadPort,
  ShellPort,
  TrayPort,
  WebContentsPort,
  WindowOptions,
  WindowPort,
} from '../../src-main/app/electron-port';

type Listener = (...args: never[]) => unknown;

/** Listeners by event name; `emit` calls them with whatever the real emitter would pass. */
class Listeners {
  private readonly byEvent = new Map<string, ((...args: unknown[]) => unknown)[]>();
  add(event: string, listener: Listener): void {
    const list = this.byEvent.get(event) ?? [];
    list.push(listener as (...args: unknown[]) => unknown);
    this.byEvent.set(event, list);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.byEvent.get(event) ?? []) l(...args);
  }
  count(event: string): number {
    return this.byEvent.get(event)?.length ?? 0;
  }
}

export class FakeApp implements AppPort {
  lockAvailable = true;
  quitCalls = 0;
  loginItem: { openAtLogin: boolean } | undefined;
  readonly listeners = new Listeners();
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = settings;
  }
}

export class FakeTray implements TrayPort {
  readonly titles: string[] = [];
  readonly tooltips: string[] = [];
  readonly menus: MenuTemplateItem[][] = [];
  setTitle(title: string): void {
    this.titles.push(title);
  }
  setToolTip(tooltip: string): void {
    this.tooltips.push(tooltip);
  }
  setMenu(template: MenuTemplateItem[]): void {
    this.menus.push(template);
  }
  get title(): string | undefined {
    return this.titles[this.titles.length - 1];
  }
  get menu(): MenuTemplateItem[] {
    return this.menus[this.menus.length - 1] ?? [];
  }
  /** Top-level labels of the current menu (separators as '---'). */
  labels(): string[] {
    return this.menu.map((i) => (i.type === 'separator' ? '---' : (i.label ?? '')));
  }
  /** Finds an item by its label path, e.g. ['Elevate', 'admin', '1h (default)']. */
  item(path: readonly string[]): MenuTemplateItem {
    let items = this.menu;
    let found: MenuTemplateItem | undefined;
    for (const label of path) {
      found = items.find((i) => i.label === label);
      if (found === undefined) throw new Error(`no menu item "${label}" in [${items.map((i) => i.label ?? '---').join(', ')}]`);
      items = found.submenu ?? [];
    }
    if (found === undefined) throw new Error('empty menu path');
    return found;
  }
  click(path: readonly string[]): void {
    const item = this.item(path);
    if (item.enabled === false || item.click === undefined) throw new Error(`menu item "${path.join(' > ')}" is not clickable`);
    item.click();
  }
}

export class FakeWebContents implements WebContentsPort {
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

export class FakeNotification implements NotificationPort {
  shown = false;
  closed = false;
  readonly listeners = new Listeners();
  constructor(readonly options: NotificationOptions) {}
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  /** The user presses the button at `index`. */
  pressAction(index: number): void {
    this.listeners.emit('action', {}, index);
  }
  click(): void {
    this.listeners.emit('click');
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

type Handler = (event: IpcInvokeEventPort, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`); // as Electron does
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** A page at `senderUrl` calls ipcRenderer.invoke(channel, ...args). */
  invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  }
}

export class FakeElectron implements ElectronPort {
  readonly app = new FakeApp();
  readonly trays: FakeTray[] = [];
  readonly windows: FakeWindow[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly powerMonitor = new FakePowerMonitor();
  readonly shell = new FakeShell();
  readonly ipc = new FakeIpcMain();
  createTray(): FakeTray {
    const tray = new FakeTray();
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
  notificationTitles(): string[] {
    return this.notifications.filter((n) => n.shown).map((n) => n.options.title);
  }
}

/** contextBridge + ipcRenderer as the preload sees them. */
export class FakePreload implements PreloadPort {
  readonly exposed = new Map<string, unknown>();
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  private readonly listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  /** What main answers to every invoke. */
  answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null });
  readonly contextBridge = {
    exposeInMainWorld: (apiKey: string, api: unknown): void => {
      this.exposed.set(apiKey, api);
    },
  };
  readonly ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]): Promise<unknown> => {
      this.invoked.push({ channel, args });
      return Promise.resolve(this.answer(channel, args));
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void): void => {
      const set = this.listeners.get(channel) ?? new Set();
      set.add(listener);
      this.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void): void => {
      this.listeners.get(channel)?.delete(listener);
    },
  };
  /** Main sends `data` on `channel`. */
  emit(channel: string, data: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: 'ipc-renderer-event' }, data);
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}
