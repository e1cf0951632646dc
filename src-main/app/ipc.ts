// SPDX-License-Identifier: MIT
/** The one file that touches ipcMain: every handler checks who sent the call and what it carries. */
import { TouchroleError } from '../../src-shared/errors';
import {
  IPC_CHANNELS,
  IPC_METHODS,
  validateIpcRequest,
  type IpcMethod,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
} from '../../src-shared/ipc-contract';
import type { AppBackend } from '../core/agent';
import type { IpcInvokeEventPort, IpcMainPort, WebContentsPort } from './electron-port';

/** Decides whether an invoke event comes from our window's top frame. */
export type SenderCheck = (event: IpcInvokeEventPort) => boolean;
/** Told about every failure that is not a TouchroleError (the app log). */
export type UnexpectedErrorReport = (method: IpcMethod, error: unknown) => void;

export type IpcHandlers = { [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>> };

/** The contract's methods, served by the backend. */
export function backendHandlers(backend: AppBackend): IpcHandlers {
  return {
    sessionsList: () => backend.sessions(),
    elevate: (r) => backend.elevate(r),
    renew: (r) => backend.renew(r.profile),
    end: async (r) => {
      await backend.end(r.profile);
      return null;
    },
    profilesList: () => backend.roleProfiles(),
    yubikeyStatus: () => backend.yubikeyStatus(),
    unlock: (r) => backend.unlock(r),
    settingsGet: () => backend.settings(),
    settingsSet: (r) => backend.saveSettings(r),
    rotationReminders: () => backend.rotationReminders(),
    keyAges: () => backend.keyAges(),
    rotateKey: (r) => backend.rotateKey(r.profile),
    finishRotation: (r) => backend.finishRotation(r.profile),
    registerMfaDevice: (r) => backend.registerMfaDevice(r.profile),
    unregisterMfaDevice: (r) => backend.unregisterMfaDevice(r.profile),
    sourceKeys: () => backend.sourceKeys(),
    addSourceKey: (r) => backend.addSourceKey(r),
    importSourceKey: (r) => backend.importSourceKey(r),
    removeSourceKey: (r) => backend.removeSourceKey(r.profile),
    yubikeyCode: (r) => backend.yubikeyCode(r),
    whoami: (r) => backend.whoami(r.profile),
    clean: () => backend.clean(),
    decodeMessage: (r) => backend.decodeMessage(r),
  };
}

/**
 * Calls one contract method with an unchecked payload, as a result value: validation failures
 * and TouchroleErrors become `{ ok: false, error }`; anything else is reported without its
 * message, which might carry data we never meant to show.
 */
export async function dispatch<M extends IpcMethod>(
  method: M,
  payload: unknown,
  fn: (request: IpcRequest<M>) => Promise<IpcResponse<M>>,
  onUnexpected: UnexpectedErrorReport = () => undefined,
): Promise<IpcResult<IpcResponse<M>>> {
  const request = validateIpcRequest(method, payload);
  if (!request.ok) return request;
  try {
    return { ok: true, value: await fn(request.value) };
  } catch (e) {
    if (e instanceof TouchroleError) return { ok: false, error: e.toWire() };
    onUnexpected(method, e);
    return {
      ok: false,
      error: { code: 'internal', message: `touchrole failed unexpectedly (${method})`, hint: 'Try again; if it keeps failing, restart touchrole.' },
    };
  }
}

/**
 * True when the call comes from our window's own top frame: the sender is that window's
 * webContents and the frame its main frame, compared by identity. A URL says nothing (a
 * subframe or another window can load any file:// URL); identity cannot be forged by a page.
 */
export function isTrustedSender(event: IpcInvokeEventPort, webContents: Pick<WebContentsPort, 'mainFrame'> | undefined): boolean {
  if (webContents === undefined || event.senderFrame === null || event.senderFrame === undefined) return false;
  return event.sender === webContents && event.senderFrame === webContents.mainFrame;
}

/** The electron module's ipcMain, taken here so no other file touches it. */
export function ipcMainOf(electronModule: { ipcMain: IpcMainPort }): IpcMainPort {
  return electronModule.ipcMain;
}

/**
 * THE way a contract method is served: refuses any sender but our page, and any payload the
 * contract's validator rejects, before `fn` runs; answers with an IpcResult.
 */
export function handle<M extends IpcMethod>(
  ipcMain: IpcMainPort,
  trusted: SenderCheck,
  method: M,
  fn: (request: IpcRequest<M>) => Promise<IpcResponse<M>>,
  onUnexpected?: UnexpectedErrorReport,
): void {
  ipcMain.handle(IPC_CHANNELS[method], async (event, ...args): Promise<IpcResult<IpcResponse<M>>> => {
    if (!trusted(event)) {
      return { ok: false, error: { code: 'ipc-rejected', message: `${method}: refused a call from a page that is not touchrole's window` } };
    }
    if (args.length > 1) return { ok: false, error: { code: 'ipc-rejected', message: `${method}: takes at most one argument` } };
    return dispatch(method, args[0], fn, onUnexpected);
  });
}

/** Serves every contract method; returns the function that removes the handlers. */
export function registerIpc(ipcMain: IpcMainPort, handlers: IpcHandlers, trusted: SenderCheck, onUnexpected?: UnexpectedErrorReport): () => void {
  const serve = <M extends IpcMethod>(method: M): void => handle(ipcMain, trusted, method, handlers[method], onUnexpected);
  for (const method of IPC_METHODS) serve(method);
  return () => {
    for (const method of IPC_METHODS) ipcMain.removeHandler(IPC_CHANNELS[method]);
  };
}
