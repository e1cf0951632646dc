// SPDX-License-Identifier: MIT
// THE FIRST THING TO RUN ON A MACHINE THAT HAS ELECTRON: the real app in the real Electron, driven
// by Playwright's _electron. It launches the app, checks the tray exists, opens the window,
// elevates a profile with the virtual YubiKey (touch, moto_server as STS), and quits cleanly
// (exit 0, agent socket removed). Everything else tests src-main/app against a fake Electron.
//
// It needs the Electron binary: ELECTRON_OVERRIDE_DIST_PATH (a folder holding `electron`), or
// node_modules/electron/dist (a normal `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD), and
// the native modules built for Electron (`npx electron-builder install-app-deps`). Run it alone:
//   flock /tmp/touchrole-it.lock npm test -- test/e2e/electron-smoke.test.ts
// Without a binary it skips, saying so loudly. docs/guide.md ("Checking the desktop app").
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempUser, runTouchrole, type TempUser } from '../support/cli-harness';
import { requireSecretService } from '../support/gnome-keyring';
import { createAssumableRoles, MOTO_ACCOUNT, MOTO_KEYS, startMoto, type Moto } from '../support/moto';
import { waitForCard } from '../support/pcscd';
import { testVpcdPort, VirtualYubiKey } from '../support/virtual-yubikey';

const ROOT = resolve(__dirname, '../..');
const ACCOUNT = MOTO_ACCOUNT;
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/alice`;

function electronBinary(): string | undefined {
  const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const dirs = [process.env['ELECTRON_OVERRIDE_DIST_PATH'], join(ROOT, 'node_modules', 'electron', 'dist')];
  return dirs
    .filter((d): d is string => d !== undefined && d !== '')
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
}

const BINARY = electronBinary();
if (BINARY === undefined) {
  const banner = '!'.repeat(100);
  console.warn(
    `\n${banner}\nSKIPPED: the Electron smoke test (test/e2e/electron-smoke.test.ts). No Electron binary: set ELECTRON_OVERRIDE_DIST_PATH ` +
      `or install node_modules/electron/dist. The desktop app has NOT been run in real Electron here; run this first on a machine that has it.\n${banner}\n`,
  );
}

type Smoke = { trayModel?: { menu: { label?: string }[] }; perform(action: unknown): void };

let moto: Moto;
let key: VirtualYubiKey;
let user: TempUser;
let app: ElectronApplication;

describe.skipIf(BINARY === undefined)('the desktop app in real Electron (smoke)', () => {
  beforeAll(async () => {
    requireSecretService();
    moto = await startMoto();
    await moto.reset();
    await createAssumableRoles(moto, ['Admin']);
    key = await VirtualYubiKey.start({
      port: testVpcdPort(),
      credentials: [{ issuer: 'AWS', name: MFA, secret: Buffer.from('12345678901234567890'), touch: true }],
      touch: { kind: 'auto', delayMs: 300 },
    });
    await waitForCard(key.readerName, true);
    user = makeTempUser(
      {
        config:
          `[profile dev]\nregion = us-east-1\n\n` +
          `[profile admin]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Admin\nsource_profile = dev\nmfa_serial = ${MFA}\nregion = us-east-1\n`,
        credentials: `[dev]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
      },
      { AWS_ENDPOINT_URL_STS: moto.url, AWS_ENDPOINT_URL_IAM: moto.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    );
    expect((await runTouchrole(['keys', 'import', 'dev'], user.env)).code).toBe(0);
    app = await _electron.launch({
      executablePath: BINARY as string,
      args: [ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: { ...user.env, TOUCHROLE_SMOKE_TEST: '1', DISPLAY: process.env['DISPLAY'] ?? ':99' },
      timeout: 60_000,
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await key?.stop();
    await moto?.stop();
  });

  it('starts with a tray, opens the window, elevates with a touch and quits cleanly', async () => {
    await expect
      .poll(() => app.evaluate(() => (globalThis as { touchroleSmoke?: Smoke }).touchroleSmoke?.trayModel !== undefined), { timeout: 30_000 })
      .toBe(true);
    const labels = await app.evaluate(() => ((globalThis as { touchroleSmoke?: Smoke }).touchroleSmoke?.trayModel?.menu ?? []).map((i) => i.label));
    expect(labels).toContain('Elevate');

    await app.evaluate(() => (globalThis as { touchroleSmoke?: Smoke }).touchroleSmoke?.perform({ kind: 'open-window', view: 'profiles' }));
    const page = await app.firstWindow();
    const admin = page.locator('li.profile[data-profile="admin"]');
    await admin.getByRole('button', { name: 'Elevate' }).click();
    await page.getByRole('button', { name: 'Sessions' }).click();
    await expect.poll(() => page.locator('li.session[data-profile="admin"]').count(), { timeout: 30_000 }).toBe(1);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toContain('[admin-touchrole]');

    const exited = new Promise<number | null>((r) => app.process().once('exit', (code) => r(code)));
    await app.evaluate(() => (globalThis as { touchroleSmoke?: Smoke }).touchroleSmoke?.perform({ kind: 'quit' }));
    expect(await exited).toBe(0);
    expect(existsSync(join(user.home, 'agent.sock'))).toBe(false);
  }, 120_000);
});
