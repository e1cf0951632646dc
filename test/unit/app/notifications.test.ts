// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { Notifier } from '../../../src-main/app/notifications';
import { FakeElectron } from '../../support/fake-electron';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;

function notifier(platform: NodeJS.Platform = 'linux'): { electron: FakeElectron; n: Notifier; renewed: string[]; opened: number[] } {
  const electron = new FakeElectron(platform);
  const renewed: string[] = [];
  const opened: number[] = [];
  const n = new Notifier({ electron, onRenew: (p) => renewed.push(p), onOpen: () => opened.push(1) });
  return { electron, n, renewed, opened };
}

describe('notifications', () => {
  it('keeps a reference to every shown notification until it closes, so its handlers survive GC', () => {
    const { electron, n } = notifier();
    n.update(
      [
        { profile: 'a', expiration: new Date(NOW + 5 * MIN).toISOString() },
        { profile: 'b', expiration: new Date(NOW + 9 * MIN).toISOString() },
      ],
      NOW,
      [10 * MIN],
      false,
    );
    n.error('Renewing a', { code: 'sts-network', message: 'STS is unreachable' });
    expect(electron.notifications).toHaveLength(3);
    expect(n.retained).toBe(3);
    electron.notifications[0]?.dismiss();
    expect(n.retained).toBe(2);
    electron.notifications[1]?.listeners.emit('failed');
    electron.notifications[2]?.close();
    expect(n.retained).toBe(0);
  });

  it('the touch prompt is released when the touch is done', () => {
    const { electron, n } = notifier();
    n.touchPrompt(true, 'admin');
    expect(n.retained).toBe(1);
    n.touchPrompt(false, undefined);
    expect(electron.notifications[0]?.closed).toBe(true);
    expect(n.retained).toBe(0);
    // dismissed by the user while still pending: a new prompt may come later
    n.touchPrompt(true, 'admin');
    electron.notifications[1]?.dismiss();
    n.touchPrompt(true, 'admin');
    expect(electron.notifications).toHaveLength(3);
  });

  it('shows nothing where the system has no notifications (the tray carries the same)', () => {
    const { electron, n } = notifier();
    electron.notificationsAvailable = false;
    n.update([{ profile: 'a', expiration: new Date(NOW + 5 * MIN).toISOString() }], NOW, [10 * MIN], false);
    n.touchPrompt(true, 'a');
    n.error('x', { code: 'internal', message: 'y' });
    expect(electron.notifications).toHaveLength(0);
  });

  it('macOS: a Renew button renews and a click opens the window; elsewhere a click renews', () => {
    const mac = notifier('darwin');
    mac.n.update([{ profile: 'a', expiration: new Date(NOW + 5 * MIN).toISOString() }], NOW, [10 * MIN], false);
    mac.electron.notifications[0]?.click();
    expect([mac.renewed, mac.opened]).toEqual([[], [1]]);
    mac.electron.notifications[0]?.pressAction(0);
    expect(mac.renewed).toEqual(['a']);
    const win = notifier('win32');
    win.n.update([{ profile: 'a', expiration: new Date(NOW + 5 * MIN).toISOString() }], NOW, [10 * MIN], false);
    expect(win.electron.notifications[0]?.options.actions).toBeUndefined();
    win.electron.notifications[0]?.click();
    expect([win.renewed, win.opened]).toEqual([['a'], []]);
  });
});

describe('notifications: names from ~/.aws/config', () => {
  it('shows control characters in profile names and error messages escaped', () => {
    const { electron, n } = notifier();
    const evil = 'ops\u001b[31m\nroot';
    n.update([{ profile: evil, expiration: new Date(NOW + 5 * MIN).toISOString() }], NOW, [10 * MIN], false);
    n.touchPrompt(true, evil);
    n.error(`Renewing ${evil}`, { code: 'profile-not-found', message: `No profile "${evil}"`, hint: 'Check \u001b]0;x\u0007' });
    const shown = electron.notifications.map((x) => [x.options.title, x.options.body]);
    expect(shown).toEqual([
      ['ops\\x1b[31m\\nroot expires in 5m', 'Click to renew now and keep working without interruption.'],
      ['Touch your YubiKey', 'To elevate ops\\x1b[31m\\nroot.'],
      ['Renewing ops\\x1b[31m\\nroot failed', 'No profile "ops\\x1b[31m\\nroot"\nCheck \\x1b]0;x\\x07'],
    ]);
  });
});
