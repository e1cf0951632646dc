// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { startApp } from '../../../src-main/app/start-app';
import { TouchroleError } from '../../../src-shared/errors';
import { IPC_CHANNELS, IPC_EVENT_CHANNELS } from '../../../src-shared/ipc-contract';
import { ManualClock } from '../../../src-shared/time/clock';
import { FakeBackend } from '../../support/fake-backend';
import { FakeElectron } from '../../support/fake-electron';
import { ManualTimers } from '../../support/manual-timers';
import { ASSETS, MIN, NOW, SEC, startHarness, type Harness } from '../../support/tray-app-harness';
import { settle } from '../../support/settle';

const start = (setup?: (backend: FakeBackend) => void, platform: NodeJS.Platform = 'linux'): Promise<Harness> =>
  startHarness(setup === undefined ? { platform } : { setup, platform });

describe('tray app: title', () => {
  it('shows nothing without sessions and the shortest time left with them', async () => {
    const h = await start();
    expect(h.electron.tray.title).toBe('');
    expect(h.electron.tray.labels()[0]).toBe('No active sessions');
    h.backend.addSession('prod', NOW + 90 * MIN);
    h.backend.addSession('admin', NOW + 42 * MIN + 30 * SEC);
    expect(h.electron.tray.title).toBe('42m');
    expect(h.electron.tray.tooltips.at(-1)).toBe('touchrole\nadmin: 42m left\nprod: 1h 30m left');
  });

  it('updates once a minute, then every second in the last minute, then says expired', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 3 * MIN + 30 * SEC));
    expect(h.electron.tray.title).toBe('3m');
    expect(h.timers.pendingDelays()).toEqual([MIN]);
    await h.advance(MIN);
    expect(h.electron.tray.title).toBe('2m');
    await h.advance(MIN + 30 * SEC); // the last minute starts
    expect(h.electron.tray.title).toBe('1m');
    expect(h.timers.pendingDelays()).toEqual([SEC]);
    await h.advance(SEC);
    expect(h.electron.tray.title).toBe('59s');
    await h.advance(59 * SEC);
    expect(h.electron.tray.title).toBe('expired');
    expect(h.timers.pendingDelays()).toEqual([MIN]);
  });

  it('ticks every second while the window shows a countdown, without rebuilding the menu', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 42 * MIN + 30 * SEC));
    expect(h.timers.pendingDelays()).toEqual([MIN]);
    h.trayApp.showWindow('sessions');
    await settle();
    expect(h.timers.pendingDelays()).toEqual([SEC]);
    const menus = h.electron.tray.menus.length;
    const titles = h.electron.tray.titles.length;
    await h.advance(10 * SEC);
    expect(h.electron.tray.menus.length).toBe(menus);
    expect(h.electron.tray.titles.length).toBe(titles);
    h.electron.windows[0]?.close();
    expect(h.timers.pendingDelays()).toEqual([MIN]);
  });
});

describe('tray app: menu', () => {
  it('rebuilds the menu when sessions change, and only then', async () => {
    const h = await start();
    const before = h.electron.tray.menus.length;
    await h.advance(5 * MIN);
    expect(h.electron.tray.menus.length).toBe(before);
    h.backend.addSession('admin', NOW + 30 * MIN);
    expect(h.electron.tray.menus.length).toBe(before + 1);
    expect(h.electron.tray.labels()[0]).toBe('admin — 25m left');
  });

  it('elevates, renews and ends from the menu', async () => {
    const h = await start();
    h.electron.tray.click(['Elevate', 'admin', '4h']);
    await settle();
    expect(h.backend.calls.filter((c) => c.method === 'elevate').map((c) => c.args)).toEqual([[{ profile: 'admin', durationSeconds: 14_400 }]]);
    expect(h.electron.tray.title).toBe('4h 00m');
    await h.advance(30 * MIN);
    h.electron.tray.click(['admin — 3h 30m left', 'Renew']);
    await settle();
    expect(h.electron.tray.title).toBe('4h 00m');
    h.electron.tray.click(['admin — 4h 00m left', 'End session']);
    await settle();
    expect(h.electron.tray.title).toBe('');
  });

  it('logs out from the menu: every session ends', async () => {
    const h = await start((b) => {
      b.addSession('admin', NOW + 42 * MIN);
      b.addSession('prod', NOW + 90 * MIN);
    });
    expect(h.electron.tray.title).toBe('42m');
    h.electron.tray.click(['Log out (end all sessions)']);
    await settle();
    expect(h.backend.calls.filter((c) => c.method === 'logout')).toHaveLength(1);
    expect(h.electron.tray.title).toBe('');
    expect(h.electron.tray.labels()[0]).toBe('No active sessions');
  });

  it('opens the console only for an AWS console URL', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 30 * MIN));
    h.electron.tray.click(['Open console', 'admin']);
    await settle();
    expect(h.electron.shell.opened).toEqual([h.backend.consoleUrlValue]);
    h.backend.consoleUrlValue = 'https://evil.example/phish';
    h.electron.tray.click(['Open console', 'admin']);
    await settle();
    expect(h.electron.shell.opened).toHaveLength(1);
    expect(h.electron.notificationTitles()).toEqual(['Opening the console for admin failed']);
  });

  it('reports a failed action as a notification with the message and hint', async () => {
    const h = await start();
    h.backend.failNext('elevate', new TouchroleError('sts-access-denied', 'AWS denied AssumeRole for admin', { hint: 'Check the role trust policy.' }));
    h.electron.tray.click(['Elevate', 'admin', '1h (default)']);
    await settle();
    expect(h.electron.notifications.map((n) => n.options)).toEqual([
      { title: 'Elevating admin failed', body: 'AWS denied AssumeRole for admin\nCheck the role trust policy.' },
    ]);
  });

  it('opens the window at the section an entry names', async () => {
    const h = await start();
    h.electron.tray.click(['Settings…']);
    await settle();
    expect(h.electron.windows[0]?.loaded?.hash).toBe('settings');
    h.electron.tray.click(['Open touchrole…']);
    expect(h.electron.windows).toHaveLength(1);
    expect(h.electron.windows[0]?.webContents.sent.at(-1)).toEqual({ channel: IPC_EVENT_CHANNELS.showView, args: ['sessions'] });
  });
});

describe('tray app: notifications', () => {
  it('warns at 10 and 2 minutes with a Renew action (macOS), and says when the session expired', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 11 * MIN), 'darwin');
    expect(h.electron.notifications).toHaveLength(0);
    await h.advance(MIN);
    expect(h.electron.notificationTitles()).toEqual(['admin expires in 10m']);
    expect(h.electron.notifications[0]?.options.actions).toEqual([{ type: 'button', text: 'Renew' }]);
    await h.advance(8 * MIN);
    expect(h.electron.notificationTitles()).toEqual(['admin expires in 10m', 'admin expires in 2m']);
    await h.advance(2 * MIN);
    expect(h.electron.notificationTitles().at(-1)).toBe('admin session expired');
    await h.advance(5 * MIN);
    expect(h.electron.notifications).toHaveLength(3); // each once
  });

  it('renews from the Renew button on macOS', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 5 * MIN, 7200), 'darwin');
    expect(h.electron.notificationTitles()).toEqual(['admin expires in 5m']);
    h.electron.notifications[0]?.pressAction(0);
    await settle();
    expect(h.backend.calls.filter((c) => c.method === 'renew').map((c) => c.args)).toEqual([['admin']]);
    expect(h.electron.tray.title).toBe('2h 00m');
  });

  it.each(['linux', 'win32'] as const)('renews from a click on the warning on %s, which has no buttons', async (platform) => {
    const h = await start((b) => b.addSession('admin', NOW + 5 * MIN, 7200), platform);
    const warning = h.electron.notifications[0];
    expect(warning?.options).toEqual({ title: 'admin expires in 5m', body: 'Click to renew now and keep working without interruption.' });
    warning?.click();
    await settle();
    expect(h.backend.calls.filter((c) => c.method === 'renew').map((c) => c.args)).toEqual([['admin']]);
    expect(h.electron.windows).toHaveLength(0);
  });

  it('uses the thresholds saved in settings', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 40 * MIN));
    h.trayApp.showWindow('settings');
    const saved = await h.electron.ipc.invoke(IPC_CHANNELS.settingsSet, h.electron.window.webContents.sender(), {
      warnMinutes: [30],
      defaultDurationSeconds: 3600,
      startAtLogin: true,
      profileSuffix: '-touchrole',
    });
    expect(saved).toMatchObject({ ok: true });
    expect(h.electron.app.loginItem).toEqual({ openAtLogin: true });
    await h.advance(10 * MIN);
    expect(h.electron.notificationTitles()).toEqual(['admin expires in 30m']);
    await h.advance(9 * MIN);
    expect(h.electron.notificationTitles()).toEqual(['admin expires in 30m']);
  });
});

describe('tray app: sleep and resume', () => {
  it('recomputes from the wall clock after resume', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 30 * MIN));
    h.timers.sleep(25 * MIN); // no timer fires while asleep
    expect(h.electron.tray.title).toBe('30m');
    h.electron.powerMonitor.resume();
    await settle();
    expect(h.electron.tray.title).toBe('5m');
    expect(h.electron.notificationTitles()).toEqual(['admin expires in 5m']); // only the most urgent
    expect(h.backend.calls.filter((c) => c.method === 'sessions')).toHaveLength(2); // re-read on resume
  });

  it('says expired after sleeping past the expiry', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 30 * MIN));
    h.timers.sleep(2 * 60 * MIN);
    h.electron.powerMonitor.resume();
    await settle();
    expect(h.electron.tray.title).toBe('expired');
    expect(h.electron.notificationTitles()).toEqual(['admin session expired']);
    h.backend.removeExpired();
    expect(h.electron.tray.title).toBe('');
  });
});

describe('tray app: touch prompt', () => {
  it('shows "Touch your YubiKey" until the touch arrives', async () => {
    const h = await start((b) => (b.key.touchMode = 'manual'));
    h.electron.tray.click(['Elevate', 'admin', '1h (default)']);
    await settle();
    expect(h.electron.tray.title).toBe('Touch YubiKey');
    expect(h.electron.tray.labels()[0]).toBe('Touch your YubiKey now');
    const prompt = h.electron.notifications[0];
    expect(prompt?.options.title).toBe('Touch your YubiKey');
    h.backend.key.touch();
    await settle();
    expect(prompt?.closed).toBe(true);
    expect(h.electron.tray.title).toBe('1h 00m');
  });

  it('clears the prompt and reports a touch timeout', async () => {
    const h = await start((b) => (b.key.touchMode = 'manual'));
    h.electron.tray.click(['Elevate', 'admin', '1h (default)']);
    await settle();
    h.backend.key.timeoutTouch();
    await settle();
    expect(h.electron.tray.title).toBe('');
    expect(h.electron.notificationTitles()).toEqual(['Touch your YubiKey', 'Elevating admin failed']);
    expect(h.electron.notifications[0]?.closed).toBe(true);
  });

  it('leaves the prompt to the window when it shows, and forwards events to it', async () => {
    const h = await start((b) => (b.key.touchMode = 'manual'));
    h.trayApp.showWindow('sessions');
    await settle();
    h.electron.tray.click(['Elevate', 'admin', '1h (default)']);
    await settle();
    expect(h.electron.notifications).toHaveLength(0);
    const sent = (): string[] => (h.electron.windows[0]?.webContents.sent ?? []).map((s) => s.channel);
    expect(sent()).toContain(IPC_EVENT_CHANNELS.touchPrompt);
    h.backend.key.touch();
    await settle();
    expect(sent()).toContain(IPC_EVENT_CHANNELS.sessionsChanged);
  });
});

describe('tray app: instances and quit', () => {
  it('a second instance quits at once and never starts a backend', async () => {
    const electron = new FakeElectron();
    electron.app.lockAvailable = false;
    let created = 0;
    const clock = new ManualClock(NOW);
    const result = await startApp({
      electron,
      createBackend: () => {
        created++;
        return Promise.resolve(new FakeBackend({ clock }));
      },
      trayAvailable: () => Promise.resolve(true),
      clock,
      timers: new ManualTimers(clock),
      preloadPath: '/p.js',
      indexHtmlPath: '/i.html',
      assetsDir: ASSETS,
    });
    expect(result).toBeUndefined();
    expect(electron.app.quitCalls).toBe(1);
    expect(created).toBe(0);
    expect(electron.trays).toHaveLength(0);
  });

  it('the first instance shows its window when a second one starts, and stays when it closes', async () => {
    const h = await start();
    h.electron.app.listeners.emit('second-instance');
    await settle();
    expect(h.electron.windows).toHaveLength(1);
    expect(h.electron.windows[0]?.visible).toBe(true);
    h.electron.app.listeners.emit('second-instance');
    expect(h.electron.windows).toHaveLength(1);
    expect(h.electron.windows[0]?.focusCount).toBe(2);
    h.electron.windows[0]?.close();
    h.electron.app.listeners.emit('window-all-closed');
    expect(h.electron.app.quitCalls).toBe(0);
  });

  it('quits from the menu and stops its timer, IPC handlers and subscriptions', async () => {
    const h = await start((b) => b.addSession('admin', NOW + 30 * MIN));
    expect(h.backend.listenerCount()).toBe(3);
    h.electron.tray.click(['Quit touchrole']);
    await settle();
    expect(h.electron.app.quitCalls).toBe(2); // held until the core closed, then again
    expect(h.electron.app.quitted).toBe(true);
    expect(h.timers.pendingDelays()).toEqual([]);
    expect(h.electron.ipc.handlers.size).toBe(0);
    expect(h.backend.listenerCount()).toBe(0);
  });
});
