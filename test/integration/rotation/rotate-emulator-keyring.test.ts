// SPDX-License-Identifier: MIT
// Rotation end to end: the real IAM/STS adapters against the built-in emulator (SigV4-verified, so
// a key that does not exist really fails), and the real gnome-keyring. Run as
//   bash scripts/with-keyring.sh npx vitest run test/integration/rotation
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../src-shared/errors';
import { systemClock } from '../../../src-shared/time/clock';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { finishRotation, keychainKeyHome, rotateAccessKey, RotationStateFile, type RotationDeps } from '../../../src-main/core/rotation';
import { createIamApi, createStsApi, type IamApi } from '../../../src-main/core/sts';
import { createOsKeychain, SourceKeyStore } from '../../../src-main/core/vault';
import { requireSecretService } from '../../support/gnome-keyring';

let emulator: StsEmulator;
let store: SourceKeyStore;
let user: AddedUser;
let deps: RotationDeps;
let iam: IamApi;
let n = 0;

beforeAll(async () => {
  requireSecretService();
  emulator = await startStsEmulator({ host: '127.0.0.1', clock: systemClock });
  store = new SourceKeyStore(createOsKeychain({ service: `touchrole-test-rotation-${process.pid}-${Date.now()}` }), systemClock);
});
afterAll(async () => {
  await store?.remove('work');
  await emulator?.stop();
});
beforeEach(async () => {
  n += 1;
  user = emulator.addUser({ userName: `user${n}` });
  await store.set('work', { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
  const env = { AWS_ENDPOINT_URL: emulator.url };
  iam = createIamApi({ env, clock: systemClock });
  deps = {
    iam,
    sts: createStsApi({ env, clock: systemClock }),
    clock: systemClock,
    keys: keychainKeyHome(store, 'work'),
    state: new RotationStateFile(mkdtempSync(join(tmpdir(), 'touchrole-rotation-'))),
    verifyAttempts: 2,
    verifyDelayMs: 10,
  };
});

async function keysInIam(): Promise<Array<{ id: string; status: string }>> {
  const stored = await store.get('work');
  const listed = await iam.listAccessKeys(
    { credentials: { accessKeyId: stored?.accessKeyId ?? '', secretAccessKey: stored?.secretAccessKey ?? '' } },
    { userName: user.userName },
  );
  return listed.map((k) => ({ id: k.accessKeyId, status: k.status }));
}

/** The key in gnome-keyring signs a GetCallerIdentity as the user. */
async function storedKeyWorks(): Promise<string> {
  const stored = await store.get('work');
  if (stored === undefined) throw new Error('nothing stored');
  const who = await deps.sts.getCallerIdentity({ credentials: stored });
  expect(who.arn).toBe(user.arn);
  return stored.accessKeyId;
}

describe('keys rotate against the emulator with gnome-keyring', () => {
  it('old key inactive, then gone after --finish; the new key in the keychain works', async () => {
    const r = await rotateAccessKey('work', deps, { deleteOld: false, graceDays: 7 });
    expect(await storedKeyWorks()).toBe(r.newAccessKeyId);
    expect(await keysInIam()).toEqual(
      expect.arrayContaining([
        { id: user.accessKeyId, status: 'Inactive' },
        { id: r.newAccessKeyId, status: 'Active' },
      ]),
    );
    // The old key no longer signs anything.
    await expect(deps.sts.getCallerIdentity({ credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey } })).rejects.toBeInstanceOf(
      TouchroleError,
    );
    await finishRotation('work', deps, { now: true });
    expect(await keysInIam()).toEqual([{ id: r.newAccessKeyId, status: 'Active' }]);
    expect(await storedKeyWorks()).toBe(r.newAccessKeyId);
  });

  it('create fails (two keys already): nothing changes and the old key still works', async () => {
    const spare = await iam.createAccessKey({ credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey } });
    await expect(rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 })).rejects.toThrow(spare.accessKeyId);
    expect(await storedKeyWorks()).toBe(user.accessKeyId);
  });

  it('verify never succeeds: the old key is back in the keychain and works, the new key is deleted', async () => {
    const failing = {
      ...deps,
      sts: { ...deps.sts, getCallerIdentity: () => Promise.reject(new TouchroleError('sts-invalid-keys', 'injected: not yet valid')) },
    };
    await expect(rotateAccessKey('work', failing, { deleteOld: true, graceDays: 7 })).rejects.toThrow(
      /never became usable; it was deleted again; old key .* still active and back in the keychain/,
    );
    expect(await storedKeyWorks()).toBe(user.accessKeyId);
    expect(await keysInIam()).toEqual([{ id: user.accessKeyId, status: 'Active' }]);
  });

  it('deactivate fails: the new key is stored and works, the old one is still active until --finish --now', async () => {
    const failing = { ...deps, iam: { ...iam, updateAccessKey: () => Promise.reject(new TouchroleError('iam-error', 'injected: ServiceFailure')) } };
    await expect(rotateAccessKey('work', failing, { deleteOld: true, graceDays: 7 })).rejects.toThrow(
      /is stored in the keychain and works; old key .* is still active/,
    );
    const stored = await storedKeyWorks();
    expect(await keysInIam()).toEqual(
      expect.arrayContaining([
        { id: user.accessKeyId, status: 'Active' },
        { id: stored, status: 'Active' },
      ]),
    );
    await finishRotation('work', deps, { now: true });
    expect(await keysInIam()).toEqual([{ id: stored, status: 'Active' }]);
  });
});
