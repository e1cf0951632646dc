// SPDX-License-Identifier: MIT
// The tray's backend (src-main/app/core-backend.ts, the embedded agent) manages the keychain's
// long-term keys as `touchrole keys add|list|remove|import` do: the real gnome-keyring (a service
// of its own), a real temp credentials file, and the IAM/STS emulator for the key ages. Run as
//   bash scripts/with-keyring.sh npx vitest run test/integration/app/core-backend-source-keys.test.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsEmulator, virtualKeyReaders, VirtualYubiKey, type StsEmulator } from '../../../src-emulators';
import type { AddedUser } from '../../../src-emulators/sts-emulator';
import { createCoreBackend } from '../../../src-main/app/core-backend';
import type { AppBackend } from '../../../src-main/core/agent';
import { OathClient } from '../../../src-main/core/oath';
import { createOsKeychain, SourceKeyStore } from '../../../src-main/core/vault';
import { systemClock } from '../../../src-shared/time/clock';
import type { TempUser } from '../../support/cli-harness';
import { emulatorUser } from '../../support/emulator-user';
import { FakeKeychain } from '../../support/fake-keychain';
import { requireSecretService } from '../../support/gnome-keyring';

const CONFIG = '[profile dev]\nregion = us-east-1\n\n[profile ops]\nregion = us-east-1\n';

let emulator: StsEmulator;
let alice: AddedUser;
let bob: AddedUser;
let user: TempUser;
let core: AppBackend;
let credentialsBefore: string;

beforeAll(async () => {
  requireSecretService();
  emulator = await startStsEmulator({ host: '127.0.0.1', clock: systemClock });
  alice = emulator.addUser({ userName: 'alice' });
  bob = emulator.addUser({ userName: 'bob' });
  // Comments, odd spacing, another profile and a trailing section: every byte but the two key lines must stay.
  credentialsBefore =
    '# my keys\n[other]\naws_access_key_id=AKIAOTHEROTHEROTHER1\naws_secret_access_key=other-secret\n\n' +
    `[dev]\n; dev account\naws_access_key_id = ${alice.accessKeyId}\nregion=eu-west-1\naws_secret_access_key   =   ${alice.secretAccessKey}\n` +
    '\n[zzz]\noutput = json\n';
  user = emulatorUser(emulator.url, { config: CONFIG, credentials: credentialsBefore });
  const key = VirtualYubiKey.create({ credentials: [], touch: { kind: 'auto', delayMs: 10 } });
  core = await createCoreBackend({
    env: user.env,
    clock: systemClock,
    oath: async () => new OathClient({ readers: virtualKeyReaders(key), keychain: new FakeKeychain() }),
    socketPath: join(user.home, 'agent.sock'),
  });
});

afterAll(async () => {
  // This run's keychain service holds nothing afterwards.
  const store = new SourceKeyStore(createOsKeychain({ service: user?.env['TOUCHROLE_KEYCHAIN_SERVICE'] ?? 'unset' }), systemClock);
  for (const profile of ['dev', 'ops']) await store.remove(profile).catch(() => undefined);
  await core?.close();
  await emulator?.stop();
});

const credentials = (): string => readFileSync(join(user.awsDir, 'credentials'), 'utf8');
const agesOf = async (): Promise<Record<string, string | null>> => Object.fromEntries((await core.keyAges()).map((e) => [e.profile, e.accessKeyId]));

describe('core backend: the keychain keys (what the window calls)', () => {
  it('starts with an empty keychain; dev has plaintext keys in the credentials file', async () => {
    expect(await core.sourceKeys()).toEqual([]);
    expect(await agesOf()).toMatchObject({ dev: alice.accessKeyId });
    expect(await agesOf()).not.toHaveProperty('ops');
  });

  it('adds a key to the real keychain: listed with its ID and date, in the key ages, the secret nowhere in what comes back', async () => {
    const before = Date.now();
    const added = await core.addSourceKey({ profile: 'ops', accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey, replace: false });
    expect(added).toEqual({ message: `Stored ${bob.accessKeyId} for profile "ops" in the keychain` });
    const listed = await core.sourceKeys();
    expect(listed).toEqual([{ profile: 'ops', accessKeyId: bob.accessKeyId, storedAt: expect.any(String) }]);
    expect(Date.parse(listed[0]?.storedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const ages = await core.keyAges();
    expect(ages.find((e) => e.profile === 'ops')).toMatchObject({ accessKeyId: bob.accessKeyId, ageDays: 0, source: 'iam' }); // IAM knows it: the key works
    expect(JSON.stringify([added, listed, ages])).not.toContain(bob.secretAccessKey);
    expect(credentials()).toBe(credentialsBefore);
  });

  it('refuses to overwrite other keys without replace, and says so without the secret', async () => {
    const attempt = core.addSourceKey({ profile: 'ops', accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, replace: false });
    await expect(attempt).rejects.toMatchObject({ code: 'usage', message: `The keychain already holds other keys (${bob.accessKeyId}) for profile "ops"` });
    const bad = await core
      .addSourceKey({ profile: 'ops', accessKeyId: 'ASIATEMPORARYKEY0001', secretAccessKey: 'tmp-secret-value', replace: true })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'usage' });
    expect(JSON.stringify(bad) + String(bad)).not.toContain('tmp-secret-value');
    expect((await core.sourceKeys()).map((k) => k.accessKeyId)).toEqual([bob.accessKeyId]);
  });

  it('removes the key: gone from the keychain and from the key ages', async () => {
    expect(await core.removeSourceKey('ops')).toEqual({ message: 'Removed the keys of profile "ops" from the keychain' });
    expect(await core.sourceKeys()).toEqual([]);
    expect(await agesOf()).not.toHaveProperty('ops');
    await expect(core.removeSourceKey('ops')).rejects.toMatchObject({ code: 'keys-not-found' });
  });

  it('imports dev: the key moves into the keychain and out of the credentials file, every other byte kept', async () => {
    const path = join(user.awsDir, 'credentials');
    expect(await core.importSourceKey({ profile: 'dev', replace: false })).toEqual({
      message: `Moved ${alice.accessKeyId} of profile "dev" into the keychain and removed aws_access_key_id, aws_secret_access_key from ${path}`,
    });
    const expected = credentialsBefore
      .replace(`aws_access_key_id = ${alice.accessKeyId}\n`, '')
      .replace(`aws_secret_access_key   =   ${alice.secretAccessKey}\n`, '');
    expect(credentials()).toBe(expected);
    expect(credentials()).not.toContain(alice.secretAccessKey);
    expect(await core.sourceKeys()).toEqual([{ profile: 'dev', accessKeyId: alice.accessKeyId, storedAt: expect.any(String) }]);
    expect(await agesOf()).toMatchObject({ dev: alice.accessKeyId }); // the same key, now read from the keychain
    await expect(core.importSourceKey({ profile: 'dev', replace: false })).rejects.toMatchObject({ code: 'keys-not-found' });
  });
});
