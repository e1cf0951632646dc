// SPDX-License-Identifier: MIT
/** ipcMain and the preload's contextBridge + ipcRenderer, faked (see fake-electron.ts). */
import type { IpcInvokeEventPort, IpcMainPort, PreloadPort } from '../../src-main/app/electron-port';

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
  /** Some frame calls ipcRenderer.invoke(channel, ...args); `from` is who Electron says sent it. */
  invoke(channel: string, from: IpcInvokeEventPort, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler(from, ...args);
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
