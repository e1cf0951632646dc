// SPDX-License-Identifier: MIT
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import { finishRotation, keychainKeyHome, rotateAccessKey, RotationStateFile, type RotationDeps } from '../../../../src-main/core/rotation';
import { SourceKeyStore } from '../../../../src-main/core/vault';
import { FakeKeychain } from '../../../support/fake-keychain';
import { FakeIam, FakeSts } from '../../../support/fake-sts';
import { errorOf } from '../../../support/error-of';

const DAY = 86_400_000;
let clock: ManualClock;
let iam: FakeIam;
let sts: FakeSts;
let keychain: FakeKeychain;
let store: SourceKeyStore;
let deps: RotationDeps;
let oldId: string;

beforeEach(async () => {
  clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
  iam = new FakeIam(clock);
  sts = new FakeSts(clock);
  keychain = new FakeKeychain();
  store = new SourceKeyStore(keychain, clock);
  const old = await iam.createAccessKey({ credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  oldId = old.accessKeyId;
  await store.set('work', { accessKeyId: old.accessKeyId, secretAccessKey: old.secretAccessKey });
  deps = {
    iam,
    sts,
    clock,
    keys: keychainKeyHome(store, 'work'),
    state: new RotationStateFile(mkdtempSync(join(tmpdir(), 'rot-'))),
    sleep: async () => undefined,
    verifyAttempts: 3,
  };
});

/** The invariant of every outcome: the stored key is an Active key of the user. */
async function storedKeyWorks(): Promise<string> {
  const stored = await store.get('work');
  expect(stored).toBeDefined();
  expect(iam.keys.find((k) => k.accessKeyId === stored?.accessKeyId)?.status).toBe('Active');
  return stored?.accessKeyId ?? '';
}

const boom = (what: string): TouchroleError => new TouchroleError('iam-error', `IAM ${what} failed (ServiceFailure): injected`);

describe('rotateAccessKey', () => {
  it('creates, stores and verifies the new key, deactivates the old one and records a pending deletion', async () => {
    const r = await rotateAccessKey('work', deps, { deleteOld: false, graceDays: 7 });
    expect(r.oldKey).toBe('inactive');
    expect(r.deleteAfter).toBe('2025-01-08T00:00:00.000Z');
    expect(await storedKeyWorks()).toBe(r.newAccessKeyId);
    expect(iam.keys.find((k) => k.accessKeyId === oldId)?.status).toBe('Inactive');
    // Verified with the new key itself.
    expect(sts.calls.some((c) => c.op === 'GetCallerIdentity' && c.ctx.credentials.accessKeyId === r.newAccessKeyId)).toBe(true);
    const pending = (await deps.state.read()).pending.get('work');
    expect(pending).toMatchObject({ oldAccessKeyId: oldId, newAccessKeyId: r.newAccessKeyId, oldDeactivated: true, userName: 'alice' });
  });

  it('--finish refuses before the grace period ends, then deletes the old key', async () => {
    await rotateAccessKey('work', deps, { deleteOld: false, graceDays: 7 });
    const early = await errorOf(finishRotation('work', deps, { now: false }));
    expect(early.message).toContain('grace period');
    expect(iam.keys).toHaveLength(2);
    clock.advance(7 * DAY);
    const done = await finishRotation('work', deps, { now: false });
    expect(done).toEqual({ profile: 'work', deletedAccessKeyId: oldId, alreadyGone: false });
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([await storedKeyWorks()]);
    expect((await deps.state.read()).pending).toEqual(new Map());
  });

  it('--delete-old deletes the old key at once and leaves nothing pending', async () => {
    const r = await rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 });
    expect(r.oldKey).toBe('deleted');
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([r.newAccessKeyId]);
    expect(await storedKeyWorks()).toBe(r.newAccessKeyId);
    expect((await deps.state.read()).pending).toEqual(new Map());
  });

  it('refuses to start a second rotation while one is pending', async () => {
    await rotateAccessKey('work', deps, { deleteOld: false, graceDays: 7 });
    const e = await errorOf(rotateAccessKey('work', deps, { deleteOld: false, graceDays: 7 }));
    expect(e.message).toContain('not finished');
    expect(iam.keys).toHaveLength(2);
  });

  it('stops when the user already has two keys and names the one to delete', async () => {
    const spare = await iam.createAccessKey({ credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const e = await errorOf(rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 }));
    expect(e.code).toBe('rotation-failed');
    expect(e.message).toContain(spare.accessKeyId);
    expect(e.hint).toContain(`--access-key-id ${spare.accessKeyId}`);
    expect(iam.keys).toHaveLength(2);
    expect(await storedKeyWorks()).toBe(oldId);
  });

  it('create fails: nothing changes', async () => {
    iam.failNext('createAccessKey', boom('CreateAccessKey'));
    const e = await errorOf(rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 }));
    expect(e.message).toMatch(/IAM did not create a new key; nothing was changed and key AKIAFAKE00000001 is still active and stored/);
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([oldId]);
    expect(await storedKeyWorks()).toBe(oldId);
  });

  it('storing fails: the new key is deleted again and the old one stays stored', async () => {
    keychain.failSetWith = new TouchroleError('keychain-locked', 'The OS keychain is locked');
    const e = await errorOf(rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 }));
    expect(e.message).toContain('could not be stored in the keychain; it was deleted again; old key AKIAFAKE00000001 is still active and stored');
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([oldId]);
    expect(await storedKeyWorks()).toBe(oldId);
  });

  it('verification never succeeds: bounded retries, the old key is put back and the new one deleted', async () => {
    for (let i = 0; i < 3; i++) sts.failNext('GetCallerIdentity', new TouchroleError('sts-invalid-keys', 'AWS does not recognise the access key'));
    const sleeps: number[] = [];
    const e = await errorOf(
      rotateAccessKey('work', { ...deps, verifyDelayMs: 1000, sleep: async (ms) => void sleeps.push(ms) }, { deleteOld: true, graceDays: 7 }),
    );
    expect(sleeps).toEqual([1000, 2000]);
    expect(sts.count('GetCallerIdentity')).toBe(3);
    expect(e.message).toContain('never became usable; it was deleted again; old key AKIAFAKE00000001 is still active and back in the keychain');
    expect(e.hint).toContain('touchrole keys rotate work');
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([oldId]);
    expect(await storedKeyWorks()).toBe(oldId);
  });

  it('verification succeeds after IAM catches up', async () => {
    sts.failNext('GetCallerIdentity', new TouchroleError('sts-invalid-keys', 'AWS does not recognise the access key'));
    const r = await rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 });
    expect(sts.count('GetCallerIdentity')).toBe(2);
    expect(await storedKeyWorks()).toBe(r.newAccessKeyId);
  });

  it('deactivation fails: the new key works and is stored, the old one is still active and --finish --now cleans up', async () => {
    iam.failNext('updateAccessKey', boom('UpdateAccessKey'));
    const e = await errorOf(rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 }));
    const stored = await storedKeyWorks();
    expect(stored).not.toBe(oldId);
    expect(e.message).toContain(`new key ${stored} is stored in the keychain and works; old key ${oldId} is still active`);
    expect(e.hint).toContain('--finish --now');
    expect(iam.keys.find((k) => k.accessKeyId === oldId)?.status).toBe('Active');
    expect((await deps.state.read()).pending.get('work')?.oldDeactivated).toBe(false);
    await finishRotation('work', deps, { now: true });
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([stored]);
  });

  it('deletion fails: the old key is inactive, and --finish --now deletes it', async () => {
    iam.failNext('deleteAccessKey', boom('DeleteAccessKey'));
    const e = await errorOf(rotateAccessKey('work', deps, { deleteOld: true, graceDays: 7 }));
    expect(e.message).toContain(`old key ${oldId} is inactive`);
    expect(iam.keys.find((k) => k.accessKeyId === oldId)?.status).toBe('Inactive');
    const stored = await storedKeyWorks();
    await finishRotation('work', deps, { now: true });
    expect(iam.keys.map((k) => k.accessKeyId)).toEqual([stored]);
  });

  it('signs IAM calls with an MFA session when the profile has mfa_serial', async () => {
    const serial = 'arn:aws:iam::123456789012:mfa/alice';
    const codes: string[] = [];
    const r = await rotateAccessKey('work', { ...deps, mfa: { serial, code: async (s) => (codes.push(s), '123456') } }, { deleteOld: true, graceDays: 7 });
    expect(codes).toEqual([serial]);
    const gst = sts.calls.find((c) => c.op === 'GetSessionToken');
    expect(gst?.op === 'GetSessionToken' && gst.input).toMatchObject({ serialNumber: serial, tokenCode: '123456' });
    expect(gst?.ctx.credentials.accessKeyId).toBe(oldId);
    expect(r.oldKey).toBe('deleted');
  });

  it('--finish refuses when the stored key is not the new key', async () => {
    await rotateAccessKey('work', deps, { deleteOld: false, graceDays: 0 });
    const old = iam.keys.find((k) => k.accessKeyId === oldId);
    await store.set('work', { accessKeyId: old?.accessKeyId ?? '', secretAccessKey: 'iam-secret-1' });
    const e = await errorOf(finishRotation('work', deps, { now: true }));
    expect(e.message).toContain('is not the new key');
    expect(iam.keys).toHaveLength(2);
  });
});
