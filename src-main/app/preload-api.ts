// SPDX-License-Identifier: MIT
import {
  IPC_CHANNELS,
  IPC_EVENT_CHANNELS,
  IPC_METHODS,
  type IpcEventName,
  type IpcEvents,
  type IpcResult,
  type TouchroleApi,
} from '../../src-shared/ipc-contract';
import type { PreloadPort } from './electron-port';

/** The name of the page's global: `window.touchrole`. */
export const API_KEY = 'touchrole';

/**
 * `window.touchrole`, built from the contract map: one function per method and `on` for events.
 * Nothing else of ipcRenderer reaches the page, not even the IPC event object.
 */
export function buildTouchroleApi(ipcRenderer: PreloadPort['ipcRenderer']): TouchroleApi {
  const methods = Object.fromEntries(
    IPC_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(IPC_CHANNELS[method], ...args).then(asResult)]),
  );
  const on = <E extends IpcEventName>(event: E, listener: (data: IpcEvents[E]) => void): (() => void) => {
    if (!Object.prototype.hasOwnProperty.call(IPC_EVENT_CHANNELS, event)) throw new Error(`touchrole: unknown event ${String(event)}`);
    const channel = IPC_EVENT_CHANNELS[event];
    // Main sends exactly IpcEvents[E] on this channel (window.ts `send`).
    const forward = (_event: unknown, data: unknown): void => listener(data as IpcEvents[E]);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
  // Each entry of `methods` is the function for its method: the mapped type holds by construction.
  return Object.freeze({ ...methods, on }) as TouchroleApi;
}

/** Main always answers with an IpcResult (ipc.ts); anything else is a broken bridge. */
function asResult(value: unknown): IpcResult<never> {
  if (typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean') return value as IpcResult<never>;
  return { ok: false, error: { code: 'internal', message: 'touchrole got a malformed answer from its main process' } };
}

export function exposeTouchroleApi(port: PreloadPort): void {
  port.contextBridge.exposeInMainWorld(API_KEY, buildTouchroleApi(port.ipcRenderer));
}
