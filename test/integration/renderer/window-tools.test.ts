// SPDX-License-Identifier: MIT
// The window's "Show code" (per credential, on its key), "Slot 1|2" (OTP slots), "Who am I" (per session and per role
// profile), "Clean up expired sessions" and "Decode an authorization message" in headless Chromium, against the fake backend.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-shared/time/clock';
import { FakeBackend } from '../../support/fake-backend';
import { windowSuite } from '../../support/renderer/window-harness';

const NOW = Date.parse('2026-11-23T10:00:10Z'); // 20 s before the end of a 30-second step
const MFA = 'arn:aws:iam::123456789012:mfa/alice';

const suite = windowSuite();

async function start(view: string, setup: (b: FakeBackend, clock: ManualClock) => void = () => undefined): Promise<{ page: Page; backend: FakeBackend }> {
  const clock = new ManualClock(NOW);
  const backend = new FakeBackend({ clock, touch: 'manual' });
  setup(backend, clock);
  const { page } = await suite.open(view, backend, NOW);
  return { page, backend };
}

describe('window: yubikey code', () => {
  it('shows the code of the credential on its key after a touch, counts down, and drops it when it expires', async () => {
    const { page, backend } = await start('yubikey');
    const credential = page.locator('#yubikey li.credential');
    await credential.getByRole('button', { name: 'Show code' }).click();
    await expect.poll(() => page.locator('#touch-overlay').isVisible()).toBe(true);
    expect(await page.locator('.banner.progress .banner-message').textContent()).toBe(`Reading a code for ${MFA}: touch the YubiKey when it blinks`);
    backend.key.touch();
    await expect.poll(() => credential.locator('.otp-code').textContent()).toMatch(/^\d{6}$/);
    expect(await credential.locator('.otp-left').textContent()).toBe('20 s left');
    expect(await page.locator('.banner.progress').count()).toBe(0);
    // The key picked by the row: its deviceId went with the credential name.
    expect(backend.calls.filter((c) => c.method === 'yubikeyCode')).toEqual([{ method: 'yubikeyCode', args: [`AWS:${MFA}`, 'c4f1e2a9'] }]);

    // Drawn again (a key event): the code stays.
    backend.emit('yubikeyChanged', backend.key.status());
    await page.clock.runFor(5_000);
    expect(await credential.locator('.otp-left').textContent()).toBe('15 s left');
    expect(await credential.locator('.otp-code').count()).toBe(1);
    await page.clock.runFor(15_000);
    await expect.poll(() => credential.locator('.otp-code').count()).toBe(0);
    expect(await credential.getByRole('button', { name: 'Show code' }).count()).toBe(1);
  });
});

describe('window: a code from an OTP slot', () => {
  it('"Slot 2" shows the slot\'s code after a touch, counts down, and drops it when it expires', async () => {
    const { page, backend } = await start('yubikey');
    const row = page.locator('#yubikey li.otp-slots');
    expect(await row.locator('.detail').textContent()).toBe('For a key whose smart-card (CCID) interface is off');
    await row.getByRole('button', { name: 'Slot 2' }).click();
    await expect.poll(() => page.locator('#touch-overlay').isVisible()).toBe(true);
    expect(await page.locator('.banner.progress .banner-message').textContent()).toBe('Reading a code from OTP slot 2: touch the YubiKey if it blinks');
    backend.key.touch();
    const code = row.getByLabel('code for OTP slot 2');
    await expect.poll(() => code.textContent()).toMatch(/^\d{6}$/);
    expect(await row.locator('.otp-left').allTextContents()).toEqual(['Slot 2', '20 s left']);
    expect(await row.getByRole('button', { name: 'Slot 1' }).count()).toBe(1); // the other slot keeps its button
    expect(backend.calls.filter((c) => c.method === 'yubikeyCode')).toEqual([{ method: 'yubikeyCode', args: ['slot 2'] }]);
    await page.clock.runFor(20_000);
    await expect.poll(() => code.count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Slot 2' }).count()).toBe(1);
  });

  it("an empty slot: the core's error as a banner, with its hint", async () => {
    const { page } = await start('yubikey');
    await page.locator('#yubikey li.otp-slots').getByRole('button', { name: 'Slot 1' }).click();
    await expect.poll(() => page.locator('.banner.error').getAttribute('data-code')).toBe('otp-slot-not-programmed');
    expect(await page.locator('.banner.error .banner-hint').textContent()).toBe('Program it with: ykman otp chalresp --totp 1 <BASE32 SECRET>');
    expect(await page.locator('.banner.progress').count()).toBe(0);
  });

  it('is offered when PC/SC sees no YubiKey (a key with CCID off)', async () => {
    const { page, backend } = await start('yubikey');
    backend.emit('yubikeyChanged', { state: 'none', keys: [], mfaCredentials: [] });
    await expect.poll(() => page.locator('#yubikey [data-state]').getAttribute('data-state')).toBe('none');
    expect(await page.locator('#yubikey li.otp-slots button').allTextContents()).toEqual(['Slot 1', 'Slot 2']);
  });
});

describe('window: who am I and clean', () => {
  it('says who a session is, in the CLI words, without a touch for a session held', async () => {
    const { page } = await start('sessions', (b, clock) => void b.addSession('admin', clock.now() + 3600_000));
    await page.locator('li.session[data-profile="admin"]').getByRole('button', { name: 'Who am I' }).click();
    await expect
      .poll(() => page.locator('.banner.info .banner-message').textContent())
      .toBe('arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice\naccount 123456789012, user id AROAFAKE:touchrole-alice');
    expect(await page.locator('#touch-overlay').isVisible()).toBe(false);
  });

  it('says who a role profile is from the Elevate tab: one touch for a profile without a session, as `touchrole whoami <profile>`', async () => {
    const { page, backend } = await start('profiles');
    await page.locator('li.profile[data-profile="admin"]').getByRole('button', { name: 'Who am I' }).click();
    await expect.poll(() => page.locator('#touch-overlay').isVisible()).toBe(true);
    expect(await page.locator('.banner.progress .banner-message').textContent()).toBe('Asking AWS who admin is: touch the YubiKey if it blinks');
    backend.key.touch();
    await expect
      .poll(() => page.locator('.banner.info .banner-message').textContent())
      .toBe('arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice\naccount 123456789012, user id AROAFAKE:touchrole-alice');
    expect(backend.calls.filter((c) => c.method === 'whoami')).toEqual([{ method: 'whoami', args: ['admin'] }]);
  });

  it('cleans up expired sessions: the summary, and the list follows', async () => {
    const { page, backend } = await start('sessions', (b, clock) => {
      b.addSession('admin', clock.now() - 60_000);
      b.addSession('prod-readonly', clock.now() + 3600_000);
    });
    await expect.poll(() => page.locator('li.session').count()).toBe(2);
    await page.getByRole('button', { name: 'Clean up expired sessions' }).click();
    await expect
      .poll(() => page.locator('.banner.info .banner-message').textContent())
      .toBe('Removed 1 expired session(s) from /home/alice/.aws/credentials: admin-touchrole\nRemoved 1 expired cache entry');
    await expect.poll(() => page.locator('li.session').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile')))).toEqual(['prod-readonly']);
    expect(backend.log).toEqual(['clean']);
  });
});

describe('window: decode an authorization message', () => {
  it('decodes a pasted message with the profile picked, shown as JSON text (never HTML)', async () => {
    const decoded = '{"allowed":false,"context":{"action":"s3:GetObject","resource":"<img src=x id=injected>"}}';
    const { page, backend } = await start('sessions', (b) => {
      b.tools.messages.set('AbC-_12+/=', decoded);
      b.key.touchMode = 'auto';
    });
    const form = page.locator('form.decode');
    await expect.poll(() => form.locator('select option').allTextContents()).toEqual(['admin', 'prod-readonly']);
    await form.locator('select').selectOption('prod-readonly');
    await form.locator('textarea').fill('  AbC-_\n12+/=\n');
    await form.getByRole('button', { name: 'Decode' }).click();
    await expect.poll(() => page.locator('pre.decoded').textContent()).toBe(JSON.stringify(JSON.parse(decoded) as unknown, null, 2));
    expect(await page.locator('#injected').count()).toBe(0);
    expect(backend.calls.filter((c) => c.method === 'decodeMessage')).toEqual([{ method: 'decodeMessage', args: ['prod-readonly'] }]);
  });

  it('shows a message STS refuses as an error banner, and no result', async () => {
    const { page } = await start('sessions', (b) => (b.key.touchMode = 'auto'));
    const form = page.locator('form.decode');
    await expect.poll(() => form.locator('select option').count()).toBe(2);
    await form.locator('textarea').fill('bm90LWEtbWVzc2FnZQ');
    await form.getByRole('button', { name: 'Decode' }).click();
    await expect.poll(() => page.locator('.banner.error').getAttribute('data-code')).toBe('sts-error');
    expect(await page.locator('.banner.error .banner-hint').textContent()).toBe('Paste the whole message, as the failed call printed it.');
    expect(await page.locator('pre.decoded').isVisible()).toBe(false);
    expect(await page.locator('.banner.progress').count()).toBe(0);
  });
});
