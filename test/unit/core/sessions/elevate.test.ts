// SPDX-License-Identifier: MIT
// elevate's plan run against a fake STS: MFA-session and direct modes, refresh, the ledger, source keys
// and session names. What a cached session may be reused for is in elevate-cache.test.ts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import type { ManualClock } from '../../../../src-shared/time/clock';
import { credentialProcessJson, defaultRoleSessionName, elevate, firstKeysFound, readCacheEntry, type MfaWait } from '../../../../src-main/core/sessions';
import type { AwsCredentials } from '../../../../src-main/core/sts';
import { BASE_KEYS, freshElevateWorld, T0, type ElevateWorld } from '../../../support/elevate-world';
import type { FakeSts } from '../../../support/fake-sts';
import { MFA } from '../../../support/profiles-fixture';

let dir: string;
let clock: ManualClock;
let sts: FakeSts;
let touches: string[];
let waits: MfaWait[];
let deps: ElevateWorld['deps'];

beforeEach(() => ({ dir, clock, sts, touches, waits, deps } = freshElevateWorld()));
afterEach(() => rmSync(dir, { recursive: true, force: true }));
describe('elevate', () => {
  it('MFA-session mode: GetSessionToken with the code and the source keys, then AssumeRole with that session', async () => {
    const s = await elevate(deps(), { profile: 'admin' });
    expect(s).toMatchObject({
      profile: 'admin',
      roleArn: 'arn:aws:iam::222222222222:role/Admin',
      expiration: new Date(T0 + 3600_000).toISOString(),
      fromCache: false,
    });
    expect(s.plan.mfa?.mode).toBe('mfa-session');
    const [gst, ar] = sts.calls;
    expect(gst).toMatchObject({
      op: 'GetSessionToken',
      ctx: { credentials: BASE_KEYS, region: 'eu-west-1' },
      input: { durationSeconds: 43200, serialNumber: MFA },
    });
    expect(ar).toMatchObject({
      op: 'AssumeRole',
      input: { roleArn: 'arn:aws:iam::222222222222:role/Admin', roleSessionName: 'touchrole-alice', durationSeconds: 3600, externalId: 'ext-1' },
    });
    expect(ar?.op === 'AssumeRole' && 'tokenCode' in ar.input).toBe(false);
    expect(ar?.ctx.credentials.sessionToken).toBe('token-1'); // signed with the MFA session
    expect(credentialProcessJson(s)).toEqual({
      Version: 1,
      AccessKeyId: s.credentials.accessKeyId,
      SecretAccessKey: s.credentials.secretAccessKey,
      SessionToken: s.credentials.sessionToken,
      Expiration: s.expiration,
    });
    expect(touches).toHaveLength(1);
  });

  it('a second role in MFA-session mode reuses the MFA session: no touch', async () => {
    await elevate(deps(), { profile: 'admin' });
    clock.advance(10 * 60_000);
    const s = await elevate(deps(), { profile: 'admin-session' });
    expect(s.fromCache).toBe(false);
    expect(touches).toHaveLength(1);
    expect(sts.count('GetSessionToken')).toBe(1);
    expect(sts.count('AssumeRole')).toBe(2);
  });

  it('direct mode: AssumeRole with the code, for up to the role maximum', async () => {
    const s = await elevate(deps(), { profile: 'admin', durationSeconds: 28800 });
    expect(s.plan.mfa?.mode).toBe('direct');
    expect(sts.calls).toHaveLength(1);
    expect(sts.calls[0]).toMatchObject({
      op: 'AssumeRole',
      ctx: { credentials: BASE_KEYS },
      input: { serialNumber: MFA, tokenCode: expect.stringMatching(/^\d{6}$/), durationSeconds: 28800 },
    });
    expect(s.expiration).toBe(new Date(T0 + 28800_000).toISOString());
  });

  it('parallel credential_process calls for several profiles get ONE touch (MFA session shared under the ledger lock)', async () => {
    const d = deps();
    const sessions = await Promise.all(['admin', 'admin-session', 'inherit', 'deep'].map((profile) => elevate(d, { profile, reuseCached: true })));
    expect(sessions.map((s) => s.profile)).toEqual(['admin', 'admin-session', 'inherit', 'deep']);
    // 'inherit' uses base-mfa's keys: a second source profile, so a second MFA session.
    expect(sts.count('GetSessionToken')).toBe(2);
    expect(touches).toHaveLength(2);
    expect(waits).toHaveLength(1); // base-mfa's code had to wait for the next step
  });

  it('parallel direct elevations each spend a fresh step: the second waits and says why', async () => {
    const d = deps();
    const [a, b] = await Promise.all([elevate(d, { profile: 'admin', durationSeconds: 7200 }), elevate(d, { profile: 'admin-long' })]);
    expect(a?.plan.mfa?.mode).toBe('direct');
    expect(b?.plan.mfa?.mode).toBe('direct');
    expect(new Set(touches).size).toBe(2);
    expect(waits).toEqual([{ serial: MFA, waitMs: 27_000, reason: 'code-used' }]);
  });

  it('reuseCached serves the cached role session while more than the window remains, without STS', async () => {
    const first = await elevate(deps(), { profile: 'admin', reuseCached: true });
    const calls = sts.calls.length;
    clock.advance(50 * 60_000);
    const hit = await elevate(deps(), { profile: 'admin', reuseCached: true });
    expect(hit.fromCache).toBe(true);
    expect(hit.credentials).toEqual(first.credentials);
    expect(sts.calls.length).toBe(calls);
    clock.advance(6 * 60_000); // 4 minutes left: refreshed, still without a touch (MFA session valid)
    const refreshed = await elevate(deps(), { profile: 'admin', reuseCached: true });
    expect(refreshed.fromCache).toBe(false);
    expect(touches).toHaveLength(1);
  });

  it('elevate without reuseCached always makes a fresh role session', async () => {
    await elevate(deps(), { profile: 'readonly' });
    const again = await elevate(deps(), { profile: 'readonly' });
    expect(again.fromCache).toBe(false);
    expect(sts.count('AssumeRole')).toBe(2);
    expect(touches).toEqual([]);
  });

  it('a rejected code (used by another tool) is retried once with the next code', async () => {
    sts.failNext('AssumeRole', new TouchroleError('sts-invalid-mfa', 'rejected'));
    const s = await elevate(deps(), { profile: 'admin', mfaMode: 'direct' });
    expect(s.fromCache).toBe(false);
    expect(touches).toHaveLength(2);
    expect(waits.map((w) => w.reason)).toEqual(['code-rejected']);
  });

  it('fails before any touch or call when the keys are missing or the duration is out of range', async () => {
    await expect(elevate(deps({ sourceKeys: async () => undefined }), { profile: 'admin' })).rejects.toMatchObject({ code: 'keys-not-found' });
    await expect(elevate(deps(), { profile: 'admin-session', durationSeconds: 7200 })).rejects.toMatchObject({ code: 'duration-invalid' });
    expect(touches).toEqual([]);
    expect(sts.calls).toEqual([]);
  });

  it('an STS failure is passed through and nothing is cached', async () => {
    sts.failNext('AssumeRole', new TouchroleError('sts-access-denied', 'Access denied for STS AssumeRole: nope'));
    await expect(elevate(deps(), { profile: 'readonly' })).rejects.toMatchObject({ code: 'sts-access-denied' });
    expect(await readCacheEntry(join(dir, 'cache'), { kind: 'role-session', profile: 'readonly' })).toBeUndefined();
  });
});

describe('source keys and session names', () => {
  it('firstKeysFound: keychain first, then the credentials file', async () => {
    const keychain = async (p: string): Promise<AwsCredentials | undefined> => (p === 'a' ? { accessKeyId: 'KC', secretAccessKey: 's' } : undefined);
    const file = async (p: string): Promise<AwsCredentials | undefined> => (p === 'a' || p === 'b' ? { accessKeyId: 'FILE', secretAccessKey: 's' } : undefined);
    const lookup = firstKeysFound(keychain, file);
    expect((await lookup('a'))?.accessKeyId).toBe('KC');
    expect((await lookup('b'))?.accessKeyId).toBe('FILE');
    expect(await lookup('c')).toBeUndefined();
  });

  it.each([
    ['alice', 'touchrole-alice'],
    ['Alice Smith', 'touchrole-Alice-Smith'],
    ['dom\\user', 'touchrole-dom-user'],
    ['a.b@c+d=e,f_g', 'touchrole-a.b@c+d=e,f_g'],
    ['', 'touchrole'],
    ['x'.repeat(100), `touchrole-${'x'.repeat(54)}`],
  ])('defaultRoleSessionName(%j) = %s', (user, expected) => {
    expect(defaultRoleSessionName(user)).toBe(expected);
    expect(defaultRoleSessionName(user)).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
