// SPDX-License-Identifier: MIT
// Rotation as the tray calls it: composeCore's keys and rotation services, with no CLI, against the
// built-in IAM/STS emulator (SigV4-verified, so a key that does not exist really fails). Run as
//   npx vitest run test/integration/rotation/rotation-service.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-shared/time/clock';
import { startStsEmulator, type StsEmulator } from '../../../src-emulators';
import { FakeKeychain } from '../../support/fake-keychain';
import type { AddedUser } from '../../../src-emulators/sts-emulator';
import { composeCore, type CoreServices } from '../../../src-main/core/service';
import { createStsApi } from '../../../src-main/core/sts';
import { makeTempUser } from '../../support/cli-harness';

const silent = { waiting: async () => undefined, done: async () => undefined, timedOut: async () => undefined };
let emulator: StsEmulator;
let bob: AddedUser;
let core: CoreServices;

beforeAll(async () => {
  emulator = await startStsEmulator({ host: '127.0.0.1', clock: systemClock });
  bob = emulator.addUser({ userName: 'bob' });
  const user = makeTempUser(
    { config: '[profile work]\nregion = us-east-1\n' },
    { AWS_ENDPOINT_URL: emulator.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
  core = composeCore({ env: user.env, clock: systemClock, prompter: silent, keychain: new FakeKeychain() });
  await core.keys.add('work', { accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey }, { replace: false });
});

afterAll(async () => {
  await emulator?.stop();
});

describe('rotation service (what the tray calls)', () => {
  it('rotates the keychain-held key: the new one is stored and works, the old one is inactive until finish', async () => {
    expect((await core.rotation.keyAges()).map((e) => [e.profile, e.accessKeyId])).toEqual([['work', bob.accessKeyId]]);
    const r = await core.rotation.rotate('work', { deleteOld: false });
    expect(r).toMatchObject({ profile: 'work', userName: 'bob', oldAccessKeyId: bob.accessKeyId, oldKey: 'inactive', storedIn: 'the keychain' });
    const [stored] = await core.keys.list();
    expect(stored).toMatchObject({ profile: 'work', accessKeyId: r.newAccessKeyId });
    const sts = createStsApi({ env: { AWS_ENDPOINT_URL: emulator.url }, clock: systemClock });
    await expect(sts.getCallerIdentity({ credentials: { accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey } })).rejects.toThrow();
    expect((await core.rotation.keyAges())[0]).toMatchObject({ accessKeyId: r.newAccessKeyId, pendingDeletion: { oldAccessKeyId: bob.accessKeyId } });

    await expect(core.rotation.finish('work', { now: false })).rejects.toMatchObject({
      code: 'rotation-failed',
      message: expect.stringContaining(`The grace period for old key ${bob.accessKeyId}`) as unknown,
    });
    const f = await core.rotation.finish('work', { now: true });
    expect(f).toMatchObject({ profile: 'work', deletedAccessKeyId: bob.accessKeyId, alreadyGone: false });
    expect((await core.rotation.keyAges())[0]?.pendingDeletion).toBeNull();
  });

  it('refuses a profile without a key of its own, before any IAM call', async () => {
    await expect(core.rotation.rotate('nope', { deleteOld: false })).rejects.toMatchObject({ code: 'profile-not-found' });
  });
});
