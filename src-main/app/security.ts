// SPDX-License-Identifier: MIT
import type { SessionPort } from './electron-port';

/**
 * The window needs no browser permission at all (no camera, notifications from the page,
 * clipboard, geolocation, HID, serial...): every request and every check is refused. Desktop
 * notifications come from main, which needs no permission.
 */
export function refuseAllPermissions(session: SessionPort): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
