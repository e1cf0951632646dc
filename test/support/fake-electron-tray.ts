// SPDX-License-Identifier: MIT
/** The tray and notifications, faked (see fake-electron.ts). */
import type { MenuTemplateItem, NotificationOptions, NotificationPort, TrayIconFile, TrayPort } from '../../src-main/app/electron-port';
import { Listeners } from './fake-electron-listeners';

export class FakeTray implements TrayPort {
  readonly titles: string[] = [];
  readonly tooltips: string[] = [];
  readonly menus: MenuTemplateItem[][] = [];
  readonly images: TrayIconFile[];
  readonly listeners = new Listeners();
  popUps = 0;
  constructor(icon: TrayIconFile) {
    this.images = [icon];
  }
  setImage(icon: TrayIconFile): void {
    this.images.push(icon);
  }
  on(event: string, listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  popUpContextMenu(): void {
    this.popUps++;
  }
  setTitle(title: string): void {
    this.titles.push(title);
  }
  setToolTip(tooltip: string): void {
    this.tooltips.push(tooltip);
  }
  setMenu(template: MenuTemplateItem[]): void {
    this.menus.push(template);
  }
  get icon(): TrayIconFile | undefined {
    return this.images[this.images.length - 1];
  }
  get title(): string | undefined {
    return this.titles[this.titles.length - 1];
  }
  get menu(): MenuTemplateItem[] {
    return this.menus[this.menus.length - 1] ?? [];
  }
  /** The user left-clicks the icon. */
  leftClick(): void {
    this.listeners.emit('click');
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
    this.listeners.emit('close');
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
  /** The user (or the system, after a while) dismisses it. */
  dismiss(): void {
    this.listeners.emit('close');
  }
}
