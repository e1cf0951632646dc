// SPDX-License-Identifier: MIT
// The app's life on each platform, against the fake Electron: single instance, activate, Dock,
// AppUserModelId, the first-run and no-tray window, before-quit ordering, permissions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../../src-main/app/start-app';
import { TouchroleError } from '../../../src-shared/errors';
import { MIN, NOW, startHarness } from '../../support/tray-app-harness';
import { settle } from '../../support/settle';

const ROOT = resolve(__dirname, '../../..');

describe('lifecycle: windows at start', () => {
  it('shows the window on the first run, and not on later runs with a tray', async () => {
    const first = await startHarness({ firstRun: true });
    expect(first.electron.windows).toHaveLength(1);
    expect(first.electron.window.visible).toBe(true);
    const later = await startHarness();
    expect(later.electron.windows).toHaveLength(0);
  });

  it('shows the window whenever the desktop has no tray (GNOME without AppIndicator)', async () => {
    const h = await startHarness({ trayAvailable: false });
    expect(h.electron.windows).toHaveLength(1);
    expect(h.electron.window.loaded?.hash).toBe('sessions');
  });
});

describe('lifecycle: macOS', () => {
  it('hides the Dock icon (also under npm start, where no LSUIElement applies)', async () => {
    const mac = await startHarness({ platform: 'darwin' });
    expect(mac.electron.app.dock?.hidden).toBe(true);
    const linux = await startHarness({ platform: 'linux' });
    expect(linux.electron.app.dock).toBeUndefined();
  });

  it('activate (relaunch from Finder or the Dock) opens and focuses the window', async () => {
    const h = await startHarness({ platform: 'darwin' });
    h.electron.app.emit('activate');
    await settle();
    expect(h.electron.window.visible).toBe(true);
    expect(h.electron.window.focusCount).toBeGreaterThan(0);
    h.electron.app.emit('activate');
    expect(h.electron.windows).toHaveLength(1);
  });

  it('makes the app active when the window is shown from the tray, so it comes to the front', async () => {
    const h = await startHarness({ platform: 'darwin' });
    h.electron.tray.click(['Open touchrole…']);
    expect(h.electron.app.focusCalls).toEqual([{ steal: true }]);
    const linux = await startHarness();
    linux.electron.tray.click(['Open touchrole…']);
    expect(linux.electron.app.focusCalls).toEqual([]);
  });
});

describe('lifecycle: Windows', () => {
  it("sets the AppUserModelId to electron-builder's appId, so toasts show", async () => {
    const h = await startHarness({ platform: 'win32' });
    expect(h.electron.app.appUserModelId).toBe(APP_ID);
    const yaml = createRequire(resolve(ROOT, 'node_modules/app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };
    expect((yaml.load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as { appId: string }).appId).toBe(APP_ID);
    expect((await startHarness({ platform: 'linux' })).electron.app.appUserModelId).toBeUndefined();
  });

  it('opens the menu on a left click (Windows only; elsewhere the system does it)', async () => {
    const win = await startHarness({ platform: 'win32' });
    win.electron.tray.leftClick();
    expect(win.electron.tray.popUps).toBe(1);
    const linux = await startHarness();
    linux.electron.tray.leftClick();
    expect(linux.electron.tray.popUps).toBe(0);
  });

  it('has the countdown in the tooltip and the menu, since setTitle shows only on macOS', async () => {
    const h = await startHarness({ platform: 'win32', setup: (b) => b.addSession('admin', NOW + 42 * MIN) });
    expect(h.electron.tray.tooltips.at(-1)).toContain('admin: 42m left');
    expect(h.electron.tray.labels()[0]).toBe('admin — 42m left');
  });
});

describe('lifecycle: quit', () => {
  it('before-quit waits for the core to close (socket removed, writes done), then quits', async () => {
    let finish: () => void = () => undefined;
    const h = await startHarness({ close: () => new Promise<void>((r) => (finish = r)) });
    h.electron.tray.click(['Quit touchrole']);
    await settle();
    expect(h.events.slice(-3)).toEqual(['before-quit', 'core closing', 'quit prevented']);
    expect(h.electron.app.quitted).toBe(false);
    h.electron.app.quit(); // the user insists: still waits, closes once
    expect(h.events.filter((e) => e === 'core closing')).toHaveLength(1);
    finish();
    await settle();
    expect(h.events.slice(-3)).toEqual(['core closed', 'before-quit', 'quit']);
    expect(h.electron.app.quitted).toBe(true);
  });

  it('quits anyway when the core does not close within 10 s, and logs it', async () => {
    const logged: string[] = [];
    const h = await startHarness({
      close: () => new Promise<void>(() => undefined),
      extra: { reportError: (source, what) => logged.push(`${source}: ${what}`) },
    });
    h.electron.app.quit();
    await settle();
    expect(h.electron.app.quitted).toBe(false);
    await h.advance(10_000);
    expect(h.electron.app.quitted).toBe(true);
    expect(logged).toEqual(['process: closing the core']);
  });
});

describe('lifecycle: security', () => {
  it('refuses every permission request and check', async () => {
    const h = await startHarness();
    const { requestHandler, checkHandler } = h.electron.session;
    const granted: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'hid', 'openExternal']) {
      requestHandler?.({}, permission, (ok) => granted.push(ok));
      expect(checkHandler?.({}, permission)).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false, false, false]);
  });

  it('applies "start at login" at startup, not only when the setting changes', async () => {
    const h = await startHarness({ setup: (b) => (b.settingsValue = { ...b.settingsValue, startAtLogin: true }) });
    expect(h.electron.app.loginItem).toEqual({ openAtLogin: true });
  });
});

describe('lifecycle: install command-line tool', () => {
  it('runs from the tray menu and confirms what it did; a refusal says how to do it by hand', async () => {
    let result: Promise<string> = Promise.resolve('/usr/local/bin/touchrole now runs the touchrole CLI of this app.');
    const h = await startHarness({ platform: 'darwin', extra: { installCli: () => result } });
    h.electron.tray.click(['Install command-line tool…']);
    await settle();
    expect(h.electron.dialog.messages).toEqual([
      { type: 'info', title: 'touchrole', message: 'Command-line tool installed', detail: '/usr/local/bin/touchrole now runs the touchrole CLI of this app.' },
    ]);
    result = Promise.reject(
      new TouchroleError('cli-install-failed', 'touchrole may not write to /usr/local/bin (it needs an administrator)', {
        hint: 'In Terminal: sudo ln -sf a b',
      }),
    );
    h.electron.tray.click(['Install command-line tool…']);
    await settle();
    expect(h.electron.dialog.messages.at(-1)).toEqual({
      type: 'warning',
      title: 'touchrole',
      message: 'touchrole may not write to /usr/local/bin (it needs an administrator)',
      detail: 'In Terminal: sudo ln -sf a b',
    });
  });
});
