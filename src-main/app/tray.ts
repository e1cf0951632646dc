// SPDX-License-Identifier: MIT
import type { MenuItemModel, TrayAction, TrayModel } from '../../src-shared/tray-model';
import type { ElectronPort, MenuTemplateItem, TrayPort } from './electron-port';
import { trayIconFor } from './tray-icon';

/**
 * Creates the tray with the icon for this platform and theme, redrawn when the theme changes;
 * on Windows a left click opens the menu (only a right click does by default).
 */
export function createPlatformTray(electron: Pick<ElectronPort, 'createTray' | 'nativeTheme' | 'platform'>, assetsDir: string): TrayPort {
  const icon = (): ReturnType<typeof trayIconFor> => trayIconFor(assetsDir, electron.platform, electron.nativeTheme.shouldUseDarkColors);
  const tray = electron.createTray(icon());
  electron.nativeTheme.on('updated', () => tray.setImage(icon()));
  if (electron.platform === 'win32') tray.on('click', () => tray.popUpContextMenu());
  return tray;
}

/**
 * Renders a TrayModel (computed in src-shared/tray-model.ts) onto the tray. The menu is rebuilt
 * only when its model changed: rebuilding closes a menu the user has open, and the title ticks
 * every second in the last minute. The title shows only on macOS; elsewhere the countdown is in
 * the tooltip and in each session's menu label, which the model always carries.
 */
export class TrayView {
  private title: string | undefined;
  private tooltip: string | undefined;
  private menuKey: string | undefined;
  /** What the tray shows now (the Electron smoke test reads it). */
  model: TrayModel | undefined;

  constructor(
    private readonly tray: TrayPort,
    private readonly onAction: (action: TrayAction) => void,
  ) {}

  render(model: TrayModel): void {
    this.model = model;
    if (model.title !== this.title) this.tray.setTitle(model.title);
    if (model.tooltip !== this.tooltip) this.tray.setToolTip(model.tooltip);
    this.title = model.title;
    this.tooltip = model.tooltip;
    const menuKey = JSON.stringify(model.menu);
    if (menuKey === this.menuKey) return;
    this.menuKey = menuKey;
    this.tray.setMenu(toMenuTemplate(model.menu, this.onAction));
  }
}

export function toMenuTemplate(items: readonly MenuItemModel[], onAction: (action: TrayAction) => void): MenuTemplateItem[] {
  return items.map((item): MenuTemplateItem => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.items, onAction) };
      case 'item': {
        const action = item.action;
        return action === undefined ? { label: item.label, enabled: false } : { label: item.label, enabled: item.enabled, click: () => onAction(action) };
      }
    }
  });
}
