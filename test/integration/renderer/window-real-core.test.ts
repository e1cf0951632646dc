// SPDX-License-Identifier: MIT
// The window against the real core (src-main/app/core-backend.ts: the service, the embedded
// agent, the credentials file), a virtual YubiKey (password protected) and moto_server as STS,
// through the same IPC contract main uses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-shared/time/clock';
import type { AppBackend } from '../../../src-main/core/agent';
import { createCoreBackend } from '../../../src-main/app/core-backend';
import { VirtualYubiKey, virtualKeyReaders } from '../../../src-emulators';
import { FakeKeychain } from '../../support/fake-keychain';
import { OathClient } from '../../../src-main/core/oath';
import { makeTempUser, type TempUser } from '../../support/cli-harness';
import { MOTO_KEYS, startMoto, type Moto } from '../../support/moto';
import { buildRenderer, launchChromium, openWindow, serveRenderer, type WindowUnderTest } from '../../support/renderer/window-harness';

const MFA = 'arn:aws:iam::123456789012:mfa/alice';
const PASSWORD = 'correct horse';
const MIN = 60_000;

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let moto: Moto;
let core: AppBackend;
let user: TempUser;
let win: WindowUnderTest | undefined;

beforeAll(async () => {
  buildRenderer();
  server = await serveRenderer();
  browser = await launchChromium();
  moto = await startMoto();
  user = makeTempUser(
    {
      config:
        '[profile dev]\nregion = us-east-1\n\n' +
        `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\nmfa_serial = ${MFA}\nregion = us-east-1\n`,
      credentials: `[dev]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
    },
    { AWS_ENDPOINT_URL_STS: moto.url, AWS_ENDPOINT_URL_IAM: moto.url, TOUCHROLE_CONFIG_DIR: '', TOUCHROLE_CACHE_DIR: '', TOUCHROLE_STATE_DIR: '' },
  );
  for (const k of ['TOUCHROLE_CONFIG_DIR', 'TOUCHROLE_CACHE_DIR', 'TOUCHROLE_STATE_DIR']) delete user.env[k];
  const key = VirtualYubiKey.create({
    password: PASSWORD,
    credentials: [{ issuer: 'AWS', name: MFA, secret: Buffer.from('12345678901234567890'), touch: true }],
    touch: { kind: 'auto', delayMs: 1500 },
  });
  const keychain = new FakeKeychain();
  core = await createCoreBackend({
    env: user.env,
    clock: systemClock,
    keychain,
    oath: async () => new OathClient({ readers: virtualKeyReaders(key), keychain }),
    socketPath: join(user.home, 'agent.sock'),
  });
}, 60_000);

afterAll(async () => {
  await win?.close();
  await core?.close();
  await browser?.close();
  await server?.close();
  await moto?.stop();
});

describe('window against the real core', () => {
  it('unlocks the YubiKey, elevates with a touch, counts down, shows expiry and ends the session', async () => {
    const now = Date.now();
    win = await openWindow(browser, `${server.url}#yubikey`, core, now);
    const { page } = win;
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state'), { timeout: 10_000 }).toBe('locked');
    await page.locator('#yubikey input[type="password"]').fill(PASSWORD);
    await page.locator('#yubikey form').getByRole('button').click();
    await expect.poll(() => page.locator('#yubikey .state').getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    expect(await page.locator('#yubikey li.credential .name').allTextContents()).toEqual([MFA]);

    await page.getByRole('button', { name: 'Elevate', exact: true }).first().click();
    const admin = page.locator('li.profile[data-profile="admin"]');
    await admin.locator('select').selectOption('3600');
    await admin.getByRole('button', { name: 'Elevate' }).click();
    await expect.poll(() => page.locator('#touch-overlay').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('#touch-overlay').isVisible(), { timeout: 20_000 }).toBe(false);

    await page.getByRole('button', { name: 'Sessions' }).click();
    const session = page.locator('li.session[data-profile="admin"]');
    await expect.poll(() => session.locator('.countdown').textContent(), { timeout: 10_000 }).toMatch(/^(1:00:\d\d|0:59:\d\d)$/);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toContain('[admin-touchrole]');

    await page.clock.runFor(61 * MIN);
    await expect.poll(() => session.locator('.countdown').textContent()).toBe('expired');

    await session.getByRole('button', { name: 'End' }).click();
    await expect.poll(() => session.count()).toBe(0);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).not.toContain('[admin-touchrole]');
    expect(win.problems).toEqual([]);
  });
});
