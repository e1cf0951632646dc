// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src-shared/models';
import { buildTrayModel, DEFAULT_DURATION_CHOICES, type MenuItemModel, type TrayInput } from '../../../src-shared/tray-model';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;

function session(profile: string, msLeft: number): SessionView {
  return { profile, expiration: new Date(NOW + msLeft).toISOString(), writtenProfile: `${profile}-touchrole` };
}

function input(overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    sessions: [],
    yubikey: 'ready',
    touchPending: false,
    roleProfiles: [
      { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/Admin' },
      { name: 'prod', roleArn: 'arn:aws:iam::123456789012:role/Prod', durationSeconds: 7200 },
    ],
    reminders: [],
    durationChoices: DEFAULT_DURATION_CHOICES,
    defaultDurationSeconds: 3600,
    now: NOW,
    ...overrides,
  };
}

/** Labels as an outline: submenus as "label > [children]". */
function outline(items: readonly MenuItemModel[]): unknown[] {
  return items.map((i) => (i.type === 'separator' ? '---' : i.type === 'submenu' ? { [i.label]: outline(i.items) } : i.enabled ? i.label : `(${i.label})`));
}

describe('tray model: title and tooltip', () => {
  it.each([
    ['no sessions', [], '', 'touchrole\nNo active sessions'],
    ['one session', [session('admin', 42 * MIN + 10_000)], '42m', 'touchrole\nadmin: 42m left'],
    ['the shortest wins', [session('prod', 65 * MIN), session('admin', 3 * MIN + 1)], '3m', 'touchrole\nadmin: 3m left\nprod: 1h 05m left'],
    ['last minute in seconds', [session('admin', 45_000)], '45s', 'touchrole\nadmin: 45s left'],
    ['expired', [session('admin', -1_000), session('prod', 30 * MIN)], 'expired', 'touchrole\nadmin: expired\nprod: 30m left'],
  ])('%s', (_name, sessions, title, tooltip) => {
    const model = buildTrayModel(input({ sessions }));
    expect(model.title).toBe(title);
    expect(model.tooltip).toBe(tooltip);
  });

  it('a session whose expiry marker was damaged by a hand edit reads "expiry unreadable", sorts last and is not the title', () => {
    const damaged: SessionView = { profile: 'dev', expiration: '', writtenProfile: 'dev-touchrole', expiryUnreadable: true };
    const model = buildTrayModel(input({ sessions: [damaged, session('admin', 42 * MIN)] }));
    expect(model.title).toBe('42m');
    expect(model.tooltip).toBe('touchrole\nadmin: 42m left\ndev: expiry unreadable');
    expect(outline(model.menu).slice(0, 2)).toEqual([
      { 'admin — 42m left': ['Renew', 'End session'] },
      { 'dev — expiry unreadable': ['Renew', 'End session'] },
    ]);
    expect(buildTrayModel(input({ sessions: [damaged] })).title).toBe('');
  });

  it('shows the touch prompt in title, tooltip and menu while a touch is awaited', () => {
    const model = buildTrayModel(input({ sessions: [session('admin', 42 * MIN)], touchPending: true, yubikey: 'ready' }));
    expect(model.title).toBe('Touch YubiKey');
    expect(model.tooltip).toBe('touchrole\nTouch your YubiKey\nadmin: 42m left');
    expect(outline(model.menu).slice(0, 2)).toEqual(['(Touch your YubiKey now)', '---']);
    expect(outline(model.menu)).toContain('(YubiKey: touch now)');
  });
});

describe('tray model: menu', () => {
  it('lists sessions by expiry with Renew and End, then Elevate, YubiKey, console, settings, quit', () => {
    const model = buildTrayModel(input({ sessions: [session('prod', 90 * MIN), session('admin', 42 * MIN)] }));
    expect(outline(model.menu)).toEqual([
      { 'admin — 42m left': ['Renew', 'End session'] },
      { 'prod — 1h 30m left': ['Renew', 'End session'] },
      'Log out (end all sessions)',
      '---',
      {
        Elevate: [{ 'admin (active)': ['15m', '1h (default)', '4h', '12h'] }, { 'prod (active)': ['15m', '1h', '2h (default)', '4h', '12h'] }],
      },
      '(YubiKey: ready)',
      '---',
      { 'Open console': ['admin', 'prod'] },
      'Open touchrole…',
      'Settings…',
      '---',
      'Quit touchrole',
    ]);
  });

  it('always offers Log out, which ends every session and the MFA session', () => {
    for (const sessions of [[], [session('admin', 42 * MIN)]]) {
      const logout = buildTrayModel(input({ sessions })).menu.find((i) => i.type === 'item' && i.label === 'Log out (end all sessions)');
      expect(logout).toEqual({ type: 'item', label: 'Log out (end all sessions)', enabled: true, action: { kind: 'logout' } });
    }
  });

  it('carries the action of each item', () => {
    const model = buildTrayModel(input({ sessions: [session('admin', 42 * MIN)] }));
    const admin = model.menu[0];
    expect(admin?.type === 'submenu' && admin.items).toEqual([
      { type: 'item', label: 'Renew', enabled: true, action: { kind: 'renew', profile: 'admin' } },
      { type: 'item', label: 'End session', enabled: true, action: { kind: 'end', profile: 'admin' } },
    ]);
    const elevate = model.menu.find((i) => i.type === 'submenu' && i.label === 'Elevate');
    const prod = elevate?.type === 'submenu' ? elevate.items[1] : undefined;
    const twoHours = prod?.type === 'submenu' ? prod.items.find((i) => i.type === 'item' && i.label === '2h (default)') : undefined;
    expect(twoHours).toEqual({ type: 'item', label: '2h (default)', enabled: true, action: { kind: 'elevate', profile: 'prod', durationSeconds: 7200 } });
    expect(model.menu[model.menu.length - 1]).toEqual({ type: 'item', label: 'Quit touchrole', enabled: true, action: { kind: 'quit' } });
  });

  it.each([
    ['none', '(YubiKey: not connected)'],
    ['ready', '(YubiKey: ready)'],
    ['locked', 'YubiKey: locked — unlock…'],
    ['touch', '(YubiKey: touch now)'],
    ['unavailable', 'YubiKey: PC/SC unavailable — see why…'],
  ] as const)('YubiKey status %s', (yubikey, label) => {
    expect(outline(buildTrayModel(input({ yubikey })).menu)).toContain(label);
  });

  it('opens the YubiKey panel (which says why and how to fix it) when PC/SC is unavailable', () => {
    const item = buildTrayModel(input({ yubikey: 'unavailable' })).menu.find((i) => i.type === 'item' && i.label.startsWith('YubiKey'));
    expect(item).toMatchObject({ action: { kind: 'open-window', view: 'yubikey' } });
  });

  it('opens the YubiKey panel from the locked status line', () => {
    const item = buildTrayModel(input({ yubikey: 'locked' })).menu.find((i) => i.type === 'item' && i.label.startsWith('YubiKey'));
    expect(item).toMatchObject({ action: { kind: 'open-window', view: 'yubikey' } });
  });

  it('shows no sessions, no role profiles and no console when there are none', () => {
    const menu = outline(buildTrayModel(input({ roleProfiles: [] })).menu);
    expect(menu.slice(0, 6)).toEqual([
      '(No active sessions)',
      'Log out (end all sessions)',
      '---',
      '(Elevate: no role profiles in ~/.aws/config)',
      '(YubiKey: ready)',
      '---',
    ]);
    expect(menu).toContain('(Open console (no active session))');
  });

  it('offers no console for an expired session but still lists it', () => {
    const menu = outline(buildTrayModel(input({ sessions: [session('admin', -MIN)] })).menu);
    expect(menu[0]).toEqual({ 'admin — expired': ['Renew', 'End session'] });
    expect(menu).toContain('(Open console (no active session))');
    expect(menu).toContainEqual({ Elevate: [{ admin: ['15m', '1h (default)', '4h', '12h'] }, { prod: ['15m', '1h', '2h (default)', '4h', '12h'] }] });
  });

  it('adds a key-rotation reminder when one is due', () => {
    const model = buildTrayModel(
      input({
        reminders: [
          { profile: 'alice', kind: 'rotate', ageDays: 97, maxAgeDays: 90 },
          { profile: 'bob', kind: 'finish', ageDays: 8, maxAgeDays: 7 },
        ],
      }),
    );
    const menu = outline(model.menu);
    const yubikeyAt = menu.indexOf('(YubiKey: ready)');
    expect(menu.slice(yubikeyAt + 1, yubikeyAt + 3)).toEqual([
      'Rotate access key of alice (97 days old)',
      'Finish key rotation of bob (old key inactive 8 days)',
    ]);
    expect(model.menu.find((i) => i.type === 'item' && i.label.startsWith('Rotate'))).toMatchObject({ action: { kind: 'open-window', view: 'reminders' } });
  });

  it('offers a default duration that is not among the choices', () => {
    const menu = outline(buildTrayModel(input({ defaultDurationSeconds: 1800, roleProfiles: [{ name: 'admin', roleArn: 'arn:aws:iam::1:role/A' }] })).menu);
    expect(menu).toContainEqual({ Elevate: [{ admin: ['15m', '30m (default)', '1h', '4h', '12h'] }] });
  });
});

describe('tray model: install command-line tool', () => {
  it('is offered only when the app can install it (packaged, macOS or Windows), before Quit', () => {
    const labels = (o: Partial<TrayInput>): string[] => buildTrayModel(input(o)).menu.flatMap((i) => (i.type === 'item' ? [i.label] : []));
    expect(labels({})).not.toContain('Install command-line tool…');
    const offered = buildTrayModel(input({ offerCliInstall: true })).menu;
    const at = offered.findIndex((i) => i.type === 'item' && i.label === 'Install command-line tool…');
    expect(offered[at]).toEqual({ type: 'item', label: 'Install command-line tool…', enabled: true, action: { kind: 'install-cli' } });
    expect(offered.slice(at + 1).map((i) => (i.type === 'item' ? i.label : '---'))).toEqual(['---', 'Quit touchrole']);
  });
});

describe('tray model: names from ~/.aws/config', () => {
  it('shows control characters in profile names escaped in the tooltip and every label', () => {
    const evil = 'ops\u001b[31m\nroot';
    const model = buildTrayModel(
      input({
        sessions: [session(evil, 42 * MIN)],
        roleProfiles: [{ name: evil, roleArn: 'arn:aws:iam::123456789012:role/Ops' }],
        reminders: [{ profile: evil, kind: 'rotate', ageDays: 100, maxAgeDays: 90 }],
      }),
    );
    expect(model.tooltip).toBe('touchrole\nops\\x1b[31m\\nroot: 42m left');
    const labels = JSON.stringify(outline(model.menu));
    expect(labels).not.toContain('\\u001b');
    expect(labels).toContain('ops\\\\x1b[31m\\\\nroot — 42m left');
    expect(labels).toContain('Rotate access key of ops\\\\x1b[31m\\\\nroot (100 days old)');
    // Actions still carry the real name: the app must elevate the profile as it is named.
    const elevate = model.menu.find((i) => i.type === 'submenu' && i.label === 'Elevate');
    const first = elevate?.type === 'submenu' ? elevate.items[0] : undefined;
    const action = first?.type === 'submenu' ? first.items[0] : undefined;
    expect(action?.type === 'item' ? action.action : undefined).toMatchObject({ kind: 'elevate', profile: evil });
  });
});
