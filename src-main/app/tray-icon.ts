// SPDX-License-Identifier: MIT
import { join } from 'node:path';
import type { TrayIconFile } from './electron-port';

/**
 * The tray icon for a platform and theme, from the files scripts/render-tray-icons.mjs renders
 * into assets/tray/:
 * - macOS: a template image (16x16, with its 32x32 @2x beside it, which Electron picks up by
 *   name) that the menu bar tints for light and dark itself, so the theme does not matter;
 * - Windows: an ICO with 16 to 48 px images, light glyph on a dark taskbar and the reverse;
 * - Linux: a 32 px PNG, light or dark the same way (panels scale it to their size).
 */
export function trayIconFor(assetsDir: string, platform: NodeJS.Platform, darkTheme: boolean): TrayIconFile {
  const dir = join(assetsDir, 'tray');
  if (platform === 'darwin') return { path: join(dir, 'trayTemplate.png'), template: true };
  const variant = darkTheme ? 'tray-on-dark' : 'tray-on-light';
  return { path: join(dir, `${variant}.${platform === 'win32' ? 'ico' : 'png'}`), template: false };
}
