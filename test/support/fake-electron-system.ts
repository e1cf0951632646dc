// SPDX-License-Identifier: MIT
/** The theme, the default session's permission handlers and dialogs, faked (see fake-electron.ts). */
import type { DialogPort, NativeThemePort, PermissionCheckHandler, PermissionRequestHandler, SessionPort } from '../../src-main/app/electron-port';
import { Listeners } from './fake-electron-listeners';

export class FakeNativeTheme implements NativeThemePort {
  shouldUseDarkColors = false;
  readonly listeners = new Listeners();
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  /** The user switches the system theme. */
  set(dark: boolean): void {
    this.shouldUseDarkColors = dark;
    this.listeners.emit('updated');
  }
}

export class FakeSession implements SessionPort {
  requestHandler: PermissionRequestHandler | null | undefined;
  checkHandler: PermissionCheckHandler | null | undefined;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.checkHandler = handler;
  }
}

export class FakeDialog implements DialogPort {
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly messages: { type: string; title: string; message: string; detail: string }[] = [];
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
  showMessageBox(options: { type: 'info' | 'warning' | 'error'; title: string; message: string; detail: string }): Promise<unknown> {
    this.messages.push(options);
    return Promise.resolve({ response: 0 });
  }
}
