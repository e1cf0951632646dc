// SPDX-License-Identifier: MIT
// The window in headless Chromium, driven through the IPC contract against the fake backend.
// Saves screenshots of the main states to docs/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../src-shared/errors';
import { ManualClock } from '../../../src-shared/time/clock';
import { FakeBackend } from '../../support/fake-backend';
import { FAKE_PASSWORD } from '../../support/fake-yubikey';
import { buildRenderer, launchChromium, openWindow, ROOT, serveRenderer, type WindowUnderTest } from '../../support/renderer/window-harness';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const MIN = 60_000;
const SHOTS = join(ROOT, 'docs', 'screenshots');

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let open: WindowUnderTest | undefined;

beforeAll(async () => {
  buildRenderer();
  server = await serveRenderer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  const problems = open?.problems ?? [];
  await open?.close();
  open = undefined;
  expect(problems).toEqual([]); // no CSP violation, console error or exception in any test
});

async function start(
  setup: (backend: FakeBackend) => void = () => undefined,
  view = 'sessions',
): Promise<{ page: Page; backend: FakeBackend; clock: ManualClock }> {
  const clock = new ManualClock(NOW);
  const backend = new FakeBackend({ clock, reminders: [{ profile: 'alice', kind: 'rotate', ageDays: 97, maxAgeDays: 90 }] });
  setup(backend);
  open = await openWindow(browser, `${server.url}#${view}`, backend, NOW);
  return { page: open.page, backend, clock };
}

/** Moves the backend's and the page's clocks together. */
async function advance(page: Page, clock: ManualClock, ms: number): Promise<void> {
  clock.advance(ms);
  await page.clock.runFor(ms);
}

describe('window: build', () => {
  it('ships a CSP of self only, no inline script, and a preload that requires only electron', () => {
    const html = readFileSync(join(ROOT, 'dist', 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(`content="default-src 'self'; script-src 'self'`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const preload = readFileSync(join(ROOT, 'dist', 'preload', 'preload.js'), 'utf8');
    expect([...new Set([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))]).toEqual(['electron']);
  });
});

describe('window: sessions', () => {
  it('elevates from the window: touch prompt, then a live countdown', async () => {
    const { page, backend, clock } = await start((b) => (b.key.touchMode = 'manual'), 'profiles');
    const admin = page.locator('li.profile[data-profile="admin"]');
    await expect.poll(() => admin.locator('select').inputValue()).toBe('3600');
    await page.screenshot({ path: join(SHOTS, 'elevate.png') });

    await admin.locator('select').selectOption('14400');
    await admin.getByRole('button', { name: 'Elevate' }).click();
    const overlay = page.locator('#touch-overlay');
    await expect.poll(() => overlay.isVisible()).toBe(true);
    expect(await page.locator('#touch-detail').textContent()).toBe('to elevate admin');
    await page.screenshot({ path: join(SHOTS, 'touch-prompt.png') });
    expect(backend.key.touchPending).toBe(true);

    backend.key.touch();
    await expect.poll(() => overlay.isVisible()).toBe(false);
    expect(backend.calls.filter((c) => c.method === 'elevate').map((c) => c.args)).toEqual([[{ profile: 'admin', durationSeconds: 14_400 }]]);

    await page.getByRole('button', { name: 'Sessions' }).click();
    const countdown = page.locator('li.session[data-profile="admin"] .countdown');
    await expect.poll(() => countdown.textContent()).toBe('4:00:00');
    await advance(page, clock, 5_000);
    await expect.poll(() => countdown.textContent()).toBe('3:59:55');
    await advance(page, clock, 20 * MIN);
    await expect.poll(() => countdown.textContent()).toBe('3:39:55');
    expect(await page.locator('li.session[data-profile="admin"] .detail').textContent()).toBe('profile admin-touchrole · arn:aws:iam::123456789012:role/Admin');
    await page.screenshot({ path: join(SHOTS, 'sessions.png') });
  });

  it('shows expiry, and drops the session when the backend removes it', async () => {
    const { page, backend, clock } = await start((b) => {
      b.addSession('admin', NOW + 2 * MIN);
      b.addSession('prod-readonly', NOW + 95 * MIN);
    });
    const admin = page.locator('li.session[data-profile="admin"]');
    await expect.poll(() => admin.locator('.countdown').textContent()).toBe('2:00');
    expect(await admin.getAttribute('class')).toContain('soon');
    await advance(page, clock, 2 * MIN);
    await expect.poll(() => admin.locator('.countdown').textContent()).toBe('expired');
    expect(await admin.getAttribute('class')).toContain('expired');
    await page.screenshot({ path: join(SHOTS, 'expired.png') });
    backend.removeExpired();
    await expect.poll(() => admin.count()).toBe(0);
    expect(await page.locator('li.session').count()).toBe(1);
  });

  it('shows a session whose expiry a hand edit damaged as "expiry unreadable", after the others', async () => {
    const { page, backend } = await start((b) => b.addSession('admin', NOW + 2 * MIN));
    const admin = page.locator('li.session[data-profile="admin"]');
    await expect.poll(() => admin.locator('.countdown').textContent()).toBe('2:00');
    const sessions = await backend.sessions();
    backend.emit('sessionsChanged', [{ profile: 'dev', expiration: '', writtenProfile: 'dev-touchrole', expiryUnreadable: true }, ...sessions]);
    const dev = page.locator('li.session[data-profile="dev"]');
    await expect.poll(() => dev.locator('.countdown').textContent()).toBe('expiry unreadable');
    expect(await page.locator('li.session').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile')))).toEqual(['admin', 'dev']);
    expect(await dev.getAttribute('class')).not.toMatch(/expired|soon/);
  });

  it('renews and ends from the window', async () => {
    const { page, backend, clock } = await start((b) => b.addSession('admin', NOW + 5 * MIN, 3600));
    const admin = page.locator('li.session[data-profile="admin"]');
    await expect.poll(() => admin.locator('.countdown').textContent()).toBe('5:00');
    await advance(page, clock, MIN);
    await admin.getByRole('button', { name: 'Renew' }).click();
    await expect.poll(() => admin.locator('.countdown').textContent()).toBe('1:00:00');
    await admin.getByRole('button', { name: 'End' }).click();
    await expect.poll(() => page.locator('#sessions .empty').textContent()).toBe('No active sessions. Elevate a role profile to start one.');
    expect(backend.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['renew', 'end']));
  });
});

describe('window: errors', () => {
  it('shows the error message and hint in a banner', async () => {
    const { page, backend } = await start(() => undefined, 'profiles');
    backend.failNext(
      'elevate',
      new TouchroleError('sts-mfa-reused', 'AWS already accepted this MFA code', { hint: 'Wait for the next code (up to 30 s) and try again.' }),
    );
    await page.locator('li.profile[data-profile="admin"]').getByRole('button', { name: 'Elevate' }).click();
    const banner = page.getByRole('alert');
    await expect.poll(() => banner.count()).toBe(1);
    expect(await banner.getAttribute('data-code')).toBe('sts-mfa-reused');
    expect(await banner.locator('.banner-message').textContent()).toBe('AWS already accepted this MFA code');
    expect(await banner.locator('.banner-hint').textContent()).toBe('Wait for the next code (up to 30 s) and try again.');
    await page.screenshot({ path: join(SHOTS, 'error-banner.png') });
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('shows a touch timeout and clears the overlay', async () => {
    const { page, backend } = await start((b) => (b.key.touchMode = 'manual'), 'profiles');
    await page.locator('li.profile[data-profile="admin"]').getByRole('button', { name: 'Elevate' }).click();
    await expect.poll(() => page.locator('#touch-overlay').isVisible()).toBe(true);
    backend.key.timeoutTouch();
    await expect.poll(() => page.locator('#touch-overlay').isVisible()).toBe(false);
    expect(await page.locator('.banner-message').textContent()).toBe('the YubiKey was not touched in time');
  });
});

describe('window: YubiKey, settings, reminders', () => {
  it('unlocks a locked key: wrong password refused, right one lists the MFA credentials', async () => {
    const clock = new ManualClock(NOW);
    const backend = new FakeBackend({ clock, locked: true });
    open = await openWindow(browser, `${server.url}#yubikey`, backend, NOW);
    const page = open.page;
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state')).toBe('locked');
    await page.screenshot({ path: join(SHOTS, 'yubikey-locked.png') });
    const password = page.getByLabel('OATH password');
    await password.fill('wrong');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.locator('.banner-message').textContent()).toBe('wrong password for the YubiKey OATH applet');
    expect(await password.inputValue()).toBe('');
    await password.fill(FAKE_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state')).toBe('ready');
    expect(await page.locator('#yubikey li.credential .name').allTextContents()).toEqual(['arn:aws:iam::123456789012:mfa/alice']);
    expect(backend.calls.filter((c) => c.method === 'unlock').map((c) => c.args)).toEqual([['c4f1e2a9'], ['c4f1e2a9']]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.screenshot({ path: join(SHOTS, 'yubikey.png') });
  });

  it('shows a pushed "PC/SC unavailable" with the reason and the fix, then the key when it is back', async () => {
    const clock = new ManualClock(NOW);
    const backend = new FakeBackend({ clock });
    open = await openWindow(browser, `${server.url}#yubikey`, backend, NOW);
    const page = open.page;
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state')).toBe('ready');
    const problem = {
      code: 'pcsc-unavailable' as const,
      message: 'PC/SC unavailable: the PC/SC service (pcscd) is not running',
      hint: 'start pcscd: `sudo systemctl start pcscd.socket`',
    };
    backend.emit('yubikeyChanged', { state: 'unavailable', keys: [], mfaCredentials: [], problem });
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state')).toBe('unavailable');
    expect(await page.locator('#yubikey .problem').textContent()).toBe(`${problem.message} (${problem.hint})`);
    backend.emit('yubikeyChanged', await backend.yubikeyStatus());
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state')).toBe('ready');
    expect(await page.locator('#yubikey .problem').count()).toBe(0);
  });

  it('saves settings, and refuses invalid ones with a banner', async () => {
    const { page, backend } = await start(() => undefined, 'settings');
    await expect.poll(() => page.locator('#set-warn').inputValue()).toBe('10, 2');
    expect(await page.locator('#set-duration').inputValue()).toBe('1h');
    await page.screenshot({ path: join(SHOTS, 'settings.png') });
    await page.locator('#set-warn').fill('15, 5, 1');
    await page.locator('#set-duration').fill('2h');
    await page.locator('#set-suffix').fill('-elevated');
    await page.locator('#set-login').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.saved').textContent()).toBe('Saved');
    expect(backend.settingsValue).toEqual({ warnMinutes: [15, 5, 1], defaultDurationSeconds: 7200, startAtLogin: true, profileSuffix: '-elevated' });

    await page.locator('#set-warn').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.banner-message').textContent())
      .toBe('settingsSet: warnMinutes must be 1 to 5 different whole minutes from 1 to 720');
    await page.locator('#set-duration').fill('soon');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.banner-message').first().textContent()).toBe('"soon" is not a duration');
    expect(backend.calls.filter((c) => c.method === 'saveSettings')).toHaveLength(1);
  });

  it('lists rotation reminders and follows showView from the tray', async () => {
    const { page } = await start();
    expect(await page.locator('#view-reminders').isVisible()).toBe(false);
    await page.evaluate(() => (window as unknown as { __touchroleEmit: (e: string, d: unknown) => void }).__touchroleEmit('showView', 'reminders'));
    await expect.poll(() => page.locator('#view-reminders').isVisible()).toBe(true);
    expect(await page.locator('#reminders li.reminder .detail').textContent()).toBe('Access key is 97 days old (limit 90). Run: touchrole keys rotate alice');
  });
});
