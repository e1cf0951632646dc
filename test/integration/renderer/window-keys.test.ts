// SPDX-License-Identifier: MIT
// The window's key rotation and MFA device actions in headless Chromium, against the fake backend.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../src-shared/errors';
import type { TouchEvent } from '../../../src-shared/models';
import { ManualClock } from '../../../src-shared/time/clock';
import { FakeBackend } from '../../support/fake-backend';
import { windowSuite } from '../../support/renderer/window-harness';

const NOW = Date.parse('2026-11-23T10:00:00Z');

const suite = windowSuite();

/** The Key rotation section, with `work` (120 days, MFA device) due and `lab` (10 days, no MFA device). */
async function start(touch: 'auto' | 'manual'): Promise<{ page: Page; backend: FakeBackend; touches: TouchEvent['state'][] }> {
  const backend = new FakeBackend({ clock: new ManualClock(NOW), touch, reminders: [{ profile: 'work', kind: 'rotate', ageDays: 120, maxAgeDays: 90 }] });
  const touches: TouchEvent['state'][] = [];
  backend.on('touchPrompt', (e) => touches.push(e.state));
  const { page } = await suite.open('reminders', backend, NOW);
  await expect.poll(() => page.locator('#keys li.key').count()).toBe(2);
  return { page, backend, touches };
}

const rotated =
  'Rotated "work": new key AKIAWORKNEW1 stored in the keychain and working; old key AKIAWORKOLD is inactive; ' +
  'run `touchrole keys rotate work --finish` after 2026-11-30T10:00:00.000Z to delete it';

describe('window: access keys', () => {
  it('lists the keys with their ages and MFA devices', async () => {
    const { page } = await start('auto');
    const details = (profile: string): Promise<string[]> => page.locator(`#keys li.key[data-profile="${profile}"] .detail`).allTextContents();
    expect(await details('work')).toEqual(['AKIAWORKOLD · 120 days old from IAM (limit 90): due for rotation', 'MFA arn:aws:iam::123456789012:mfa/alice']);
    expect(await details('lab')).toEqual(['AKIALABOLD · 10 days old from IAM (limit 90)', 'no MFA device']);
    expect(await page.locator('#keys li.key[data-profile="work"]').getAttribute('class')).toBe('key due');
  });

  it('rotates from a reminder after a confirmation: touch prompt, progress, then the result and the new key', async () => {
    const { page, backend } = await start('manual');
    const reminder = page.locator('#reminders li.reminder[data-profile="work"]');
    await reminder.getByRole('button', { name: 'Rotate key' }).click();
    expect(await reminder.locator('.confirm').textContent()).toContain('the old one stops working now');
    await reminder.getByRole('button', { name: 'Cancel' }).click();
    expect(await reminder.getByRole('button', { name: 'Rotate key' }).count()).toBe(1);
    expect(backend.calls.filter((c) => c.method === 'rotateKey')).toEqual([]);

    await reminder.getByRole('button', { name: 'Rotate key' }).click();
    await reminder.getByRole('button', { name: 'Yes, rotate' }).click();
    await expect.poll(() => page.locator('#touch-overlay').isVisible()).toBe(true);
    expect(await page.locator('#touch-detail').textContent()).toBe(''); // not "to elevate work": the banner says what it is for
    expect(await page.locator('.banner.progress .banner-message').textContent()).toBe('Rotating the access key of work: touch the YubiKey if it blinks');
    backend.key.touch();
    await expect.poll(() => page.locator('.banner.info .banner-message').textContent()).toBe(rotated);
    expect(await page.locator('.banner.progress').count()).toBe(0);
    expect(await page.locator('#touch-overlay').isVisible()).toBe(false);
    await expect
      .poll(() => page.locator('#keys li.key[data-profile="work"] .detail').allTextContents())
      .toEqual([
        'AKIAWORKNEW1 · 0 days old from IAM (limit 90)',
        'MFA arn:aws:iam::123456789012:mfa/alice',
        'old key AKIAWORKOLD to delete after 2026-11-30T10:00:00.000Z',
      ]);
    expect(backend.log).toEqual(['rotateKey work']);
  });

  it('registers an MFA device (two touches), then removes it after a confirmation', async () => {
    const { page, backend, touches } = await start('auto');
    const lab = page.locator('#keys li.key[data-profile="lab"]');
    await lab.getByRole('button', { name: 'Register MFA device' }).click();
    await expect
      .poll(() => page.locator('.banner.info .banner-message').textContent())
      .toBe('Registered the YubiKey as MFA device arn:aws:iam::123456789012:mfa/lab for IAM user lab; mfa_serial set in profile "lab"');
    expect(touches).toEqual(['needed', 'done', 'needed', 'done']);
    await expect.poll(() => lab.locator('.detail').nth(1).textContent()).toBe('MFA arn:aws:iam::123456789012:mfa/lab');

    await lab.getByRole('button', { name: 'Remove MFA device' }).click();
    expect(await lab.locator('.confirm').textContent()).toContain('its seed from the YubiKey');
    await lab.getByRole('button', { name: 'Yes, remove' }).click();
    await expect
      .poll(() => page.locator('.banner.info .banner-message').first().textContent())
      .toBe('Removed MFA device arn:aws:iam::123456789012:mfa/lab from IAM and the YubiKey; mfa_serial removed from "lab"');
    await expect.poll(() => lab.getByRole('button', { name: 'Register MFA device' }).count()).toBe(1);
    expect(backend.log).toEqual(['registerMfaDevice lab', 'unregisterMfaDevice lab']);
  });

  it('shows a failed rotation as an error banner and drops the progress banner', async () => {
    const { page, backend } = await start('auto');
    backend.failNext('rotateKey', new TouchroleError('rotation-failed', 'IAM refused CreateAccessKey: the user already has two keys', { hint: 'Delete one.' }));
    const work = page.locator('#keys li.key[data-profile="work"]');
    await work.getByRole('button', { name: 'Rotate key' }).click();
    await work.getByRole('button', { name: 'Yes, rotate' }).click();
    await expect.poll(() => page.locator('.banner.error').getAttribute('data-code')).toBe('rotation-failed');
    expect(await page.locator('.banner.error .banner-hint').textContent()).toBe('Delete one.');
    expect(await page.locator('.banner.progress').count()).toBe(0);
    expect(await page.locator('.banner.info').count()).toBe(0);
  });

  it('deletes the old key of a finished grace period from its reminder', async () => {
    const { page, backend } = await start('auto');
    await backend.rotateKey('work');
    backend.remindersValue = [{ profile: 'work', kind: 'finish', ageDays: 8, maxAgeDays: 7 }];
    await page.reload();
    const reminder = page.locator('#reminders li.reminder[data-profile="work"]');
    await reminder.getByRole('button', { name: 'Delete old key' }).click();
    await reminder.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.locator('.banner.info .banner-message').textContent()).toBe('Deleted old key AKIAWORKOLD of "work"');
  });

  it('adds a key through the form: the secret input is empty after submit, the key is listed, the secret is nowhere in the page', async () => {
    const { page, backend } = await start('auto');
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
    expect(await page.locator('#source-keys li.source-key').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile')))).toEqual(['work']);
    await page.fill('#add-key-profile', 'ops');
    await page.fill('#add-key-id', 'AKIAOPSOPSOPSOPS1234');
    await page.fill('#add-key-secret', secret);
    await page.getByRole('button', { name: 'Add key' }).click();
    expect(await page.inputValue('#add-key-secret')).toBe('');
    await expect.poll(() => page.locator('.banner.info .banner-message').textContent()).toBe('Stored AKIAOPSOPSOPSOPS1234 for profile "ops" in the keychain');
    await expect
      .poll(() => page.locator('#source-keys li.source-key[data-profile="ops"] .detail').textContent())
      .toBe('AKIAOPSOPSOPSOPS1234 · stored 2026-11-23');
    await expect.poll(() => page.locator('#keys li.key[data-profile="ops"]').count()).toBe(1); // the key ages follow
    expect(await page.inputValue('#add-key-profile')).toBe(''); // stored: the form is ready for the next key
    expect(backend.log).toEqual(['addSourceKey ops']);
    expect(JSON.stringify(backend.calls)).not.toContain(secret);
    expect(await page.locator('body').innerText()).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
  });

  it('a refused key: the error banner, the secret input empty all the same, the profile and key ID kept for another try', async () => {
    const { page } = await start('auto');
    const secret = 'tmpSecretValue/For+ASession0000000000000';
    await page.fill('#add-key-profile', 'ops');
    await page.fill('#add-key-id', 'ASIATEMPTEMPTEMP1234');
    await page.fill('#add-key-secret', secret);
    await page.locator('#add-key-secret').press('Enter');
    await expect
      .poll(() => page.locator('.banner.error .banner-message').textContent())
      .toBe('ASIATEMPTEMPTEMP1234 is a temporary (session) key, not a long-term access key');
    expect(await page.inputValue('#add-key-secret')).toBe('');
    expect(await page.inputValue('#add-key-id')).toBe('ASIATEMPTEMPTEMP1234');
    expect(await page.locator('#source-keys li.source-key').count()).toBe(1);
    // A secret the contract refuses (whitespace) is not echoed by the validator's banner either.
    await page.fill('#add-key-id', 'AKIAOPSOPSOPSOPS1234');
    await page.fill('#add-key-secret', `${secret} x`);
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect.poll(() => page.locator('.banner.error').first().getAttribute('data-code')).toBe('ipc-rejected');
    expect(await page.locator('.banner.error .banner-message').first().textContent()).toBe(
      'addSourceKey: secretAccessKey must be a non-empty string of at most 1024 characters without whitespace',
    );
    expect(await page.inputValue('#add-key-secret')).toBe('');
    expect(await page.content()).not.toContain(secret);
  });

  it('removes a keychain key after a confirmation that says IAM keeps it; the key ages follow', async () => {
    const { page, backend } = await start('auto');
    const row = page.locator('#source-keys li.source-key[data-profile="work"]');
    await row.getByRole('button', { name: 'Remove' }).click();
    expect(await row.locator('.confirm').textContent()).toBe(
      'Remove the key AKIAWORKOLD of work from the keychain? The key stays valid in IAM: deactivate it there too if you no longer need it.',
    );
    await row.getByRole('button', { name: 'Cancel' }).click();
    expect(backend.log).toEqual([]);
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('.banner.info .banner-message').textContent()).toBe('Removed the keys of profile "work" from the keychain');
    await expect.poll(() => page.locator('#source-keys li.source-key').count()).toBe(0);
    expect(await page.locator('#source-keys .empty').textContent()).toBe('No keys in the keychain. Add one below, or import one from the credentials file.');
    await expect.poll(() => page.locator('#keys li.key[data-profile="work"]').count()).toBe(0);
    expect(backend.log).toEqual(['removeSourceKey work']);
  });

  it('imports a plaintext key from the credentials file into the keychain', async () => {
    const { page, backend } = await start('auto');
    const lab = page.locator('#source-keys li.plaintext-key[data-profile="lab"]');
    expect(await lab.locator('.detail').textContent()).toBe('AKIALABOLD · in ~/.aws/credentials');
    await lab.getByRole('button', { name: 'Import into the keychain' }).click();
    await lab.getByRole('button', { name: 'Yes, move it' }).click();
    await expect
      .poll(() => page.locator('.banner.info .banner-message').textContent())
      .toBe('Moved AKIALABOLD of profile "lab" into the keychain and removed aws_access_key_id, aws_secret_access_key from /home/alice/.aws/credentials');
    await expect.poll(() => page.locator('#source-keys li.source-key[data-profile="lab"]').count()).toBe(1);
    expect(await page.locator('#source-keys li.plaintext-key').count()).toBe(0);
    expect(backend.log).toEqual(['importSourceKey lab']);
  });
});
