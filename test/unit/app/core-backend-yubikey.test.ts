// SPDX-License-Identifier: MIT
/** The tray app's backend follows the agent's YubiKey state: inserts, removals and PC/SC outages reach the window by themselves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { YubikeyStatusView } from '../../../src-shared/models';
import { systemClock } from '../../../src-shared/time/clock';
import { createCoreBackend } from '../../../src-main/app/core-backend';
import type { AppBackend } from '../../../src-main/core/agent';
import { VirtualYubiKey } from '../../../src-emulators';
import { PluggableReader } from '../../support/pluggable-reader';
import { FakeKeychain } from '../../support/fake-keychain';
import { OathClient } from '../../../src-main/core/oath';
import { FakeSts } from '../../support/fake-sts';

let core: AppBackend | undefined;
let home: string | undefined;
afterEach(async () => {
  await core?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('core backend: YubiKey state pushed to the window', () => {
  it('emits yubikeyChanged on removal, on PC/SC loss (with the fix) and on recovery, without being asked', async () => {
    home = mkdtempSync(join(tmpdir(), 'touchrole-corebackend-'));
    const reader = new PluggableReader();
    const keychain = new FakeKeychain();
    const client = new OathClient({ readers: reader, keychain });
    const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    const socketPath = join(home, 'agent.sock');
    core = await createCoreBackend({ env, clock: systemClock, keychain, sts: new FakeSts(systemClock), oath: async () => client, socketPath });
    const seen: YubikeyStatusView[] = [];
    core.on('yubikeyChanged', (s) => seen.push(s));
    const until = async (state: YubikeyStatusView['state']): Promise<YubikeyStatusView> => {
      for (let i = 0; i < 300; i++) {
        const hit = seen.find((s) => s.state === state);
        if (hit) return hit;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no ${state} status pushed; saw ${seen.map((s) => s.state).join(', ')}`);
    };

    expect((await core.yubikeyStatus()).state).toBe('ready');
    reader.key = undefined;
    expect((await until('none')).keys).toEqual([]);
    reader.pcscDown = true;
    expect((await until('unavailable')).problem).toMatchObject({ code: 'pcsc-unavailable', hint: expect.stringContaining('systemctl start pcscd') });
    reader.pcscDown = false;
    reader.key = VirtualYubiKey.create({ credentials: [] });
    seen.length = 0;
    expect((await until('ready')).keys).toHaveLength(1);
  });

  it('lists the keys once per status: the panel takes the listing the state was read from', async () => {
    home = mkdtempSync(join(tmpdir(), 'touchrole-corebackend-'));
    const mfa = 'arn:aws:iam::123456789012:mfa/alice';
    const reader = new PluggableReader();
    reader.key = VirtualYubiKey.create({ credentials: [{ issuer: 'AWS', name: mfa, secret: new Uint8Array(20).fill(5), touch: true }] });
    const keychain = new FakeKeychain();
    const client = new OathClient({ readers: reader, keychain });
    const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    core = await createCoreBackend({
      env,
      clock: systemClock,
      keychain,
      sts: new FakeSts(systemClock),
      oath: async () => client,
      socketPath: join(home, 'agent.sock'),
    });
    await core.yubikeyStatus(); // the first reading reports a change, whose event reads the status again: let it settle
    await new Promise((resolve) => setTimeout(resolve, 100));
    const listings = vi.spyOn(client, 'listKeys');
    const status = await core.yubikeyStatus();
    expect(status).toMatchObject({ state: 'ready', keys: [{ locked: false }], mfaCredentials: [{ name: `AWS:${mfa}`, mfaSerial: mfa, touch: true }] });
    expect(listings).toHaveBeenCalledTimes(1);
  });
});
