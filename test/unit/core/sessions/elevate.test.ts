// SPDX-License-Identifier: MIT
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import {
  credentialProcessJson,
  defaultRoleSessionName,
  elevate,
  firstKeysFound,
  MfaStepLedger,
  readCacheEntry,
  SessionCache,
  type ElevateDeps,
  type MfaWait,
} from '../../../../src-main/core/sessions';
import type { AwsCredentials } from '../../../../src-main/core/sts';
import { FakeSts } from '../../../support/fake-sts';
import { CONFIG, CREDENTIALS, MFA, profilesFrom } from '../../../support/profiles-fixture';

const T0 = 30_000 * 58_000_000 + 3_000;
const BASE_KEYS: AwsCredentials = { accessKeyId: 'AKIABASE', secretAccessKey: 'base-secret' };
const SCOPE = { configFile: '/c', credentialsFile: '/k', settingsDir: '/s', cacheDir: '/cache', stateDir: '/state', keychainService: 'touchrole' };
let dir: string;
let clock: ManualClock;
let sts: FakeSts;
let touches: string[];
let waits: MfaWait[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchrole-elevate-'));
  clock = new ManualClock(T0);
  sts = new FakeSts(clock);
  touches = [];
  waits = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deps(overrides: Partial<ElevateDeps> = {}): ElevateDeps {
  return {
    profiles: profilesFrom(CONFIG, CREDENTIALS),
    sourceKeys: async (p) => (p === 'base' ? BASE_KEYS : p === 'base-mfa' ? { accessKeyId: 'AKIABASEMFA', secretAccessKey: 'base-mfa-secret' } : undefined),
    // The YubiKey: the code is a function of the time step, like TOTP.
    mfaCode: async (serial) => {
      const code = String(Math.floor(clock.now() / 30_000) % 1_000_000).padStart(6, '0');
      touches.push(`${serial} ${code}`);
      return code;
    },
    sts,
    clock,
    ledger: new MfaStepLedger({ stateDir: join(dir, 'state'), clock, sleep: async (ms) => clock.advance(ms) }),
    cache: new SessionCache({ dir: join(dir, 'cache'), clock }),
    scope: SCOPE,
    roleSessionName: 'touchrole-alice',
    onMfaWait: (w) => waits.push(w),
    ...overrides,
  };
}

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

describe('reuseCached serves only a session made from what the profile names now', () => {
  const reuse = (config: string, request: { durationSeconds?: number; defaultDurationSeconds?: number } = {}, over: Partial<ElevateDeps> = {}) =>
    elevate(deps({ profiles: profilesFrom(config, CREDENTIALS), ...over }), { profile: 'admin', reuseCached: true, ...request });
  const lastRoleArn = (): string | undefined => {
    const call = sts.calls.filter((c) => c.op === 'AssumeRole').at(-1);
    return call?.op === 'AssumeRole' ? call.input.roleArn : undefined;
  };

  it.each([
    ['role_arn', CONFIG.replace('role/Admin\nsource_profile = base\nmfa_serial', 'role/NewAdmin\nsource_profile = base\nmfa_serial')],
    ['external_id', CONFIG.replace('external_id = ext-1', 'external_id = ext-2')],
    ['mfa_serial', CONFIG.replace(`base\nmfa_serial = ${MFA}\nexternal_id`, 'base\nmfa_serial = arn:aws:iam::111111111111:mfa/bob\nexternal_id')],
    ['duration_seconds', CONFIG.replace('external_id = ext-1', 'external_id = ext-1\nduration_seconds = 1800')],
    ['role_session_name', CONFIG.replace('external_id = ext-1', 'external_id = ext-1\nrole_session_name = other')],
    ['region', CONFIG.replace('external_id = ext-1', 'external_id = ext-1\nregion = eu-central-1')],
    ["the source profile's region", CONFIG.replace('[profile base]\nregion = eu-west-1', '[profile base]\nregion = eu-north-1')],
    ['source_profile', CONFIG.replace('role/Admin\nsource_profile = base\nmfa_serial', 'role/Admin\nsource_profile = base-mfa\nmfa_serial')],
  ])('an edited %s is a miss: a fresh session, not the cached one', async (_, edited) => {
    expect(edited).not.toBe(CONFIG);
    const first = await reuse(CONFIG);
    clock.advance(60_000);
    const again = await reuse(edited);
    expect(again.fromCache).toBe(false);
    expect(again.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(again.fingerprint).not.toBe(first.fingerprint);
    // ... and the entry now is the new one: the next call with the edited config hits it.
    expect((await reuse(edited)).fromCache).toBe(true);
  });

  it('the new role_arn is what is assumed and cached after an edit', async () => {
    await reuse(CONFIG);
    const edited = CONFIG.replace('role/Admin\nsource_profile = base\nmfa_serial', 'role/NewAdmin\nsource_profile = base\nmfa_serial');
    const s = await reuse(edited);
    expect(lastRoleArn()).toBe('arn:aws:iam::222222222222:role/NewAdmin');
    expect(s.roleArn).toBe('arn:aws:iam::222222222222:role/NewAdmin');
  });

  it('another duration asked, another default duration, or another AWS_CONFIG_FILE is a miss; the same inputs hit', async () => {
    await reuse(CONFIG);
    expect((await reuse(CONFIG)).fromCache).toBe(true);
    expect((await reuse(CONFIG, { durationSeconds: 1800 })).fromCache).toBe(false);
    expect((await reuse(CONFIG, { durationSeconds: 1800 })).fromCache).toBe(true);
    expect((await reuse(CONFIG, { defaultDurationSeconds: 1800 })).fromCache).toBe(false);
    expect((await reuse(CONFIG, {}, { scope: { ...SCOPE, configFile: '/other/config' } })).fromCache).toBe(false);
    expect((await reuse(CONFIG, {}, { scope: { ...SCOPE, stsEndpoint: 'http://127.0.0.1:5000' } })).fromCache).toBe(false);
  });

  it('an edit elsewhere in the files (another profile, a written session) keeps the hit', async () => {
    await reuse(CONFIG);
    expect((await reuse(`${CONFIG}\n[profile unrelated]\nregion = ap-south-1\n`)).fromCache).toBe(true);
  });

  it('the MFA session is reused only with the same source keys and serial: new keys mean a new touch', async () => {
    await elevate(deps(), { profile: 'admin' });
    expect(touches).toHaveLength(1);
    clock.advance(60_000);
    await elevate(deps({ sourceKeys: async () => ({ accessKeyId: 'AKIAROTATED', secretAccessKey: 'new-secret' }) }), { profile: 'admin' });
    expect(touches).toHaveLength(2);
    expect(sts.count('GetSessionToken')).toBe(2);
    clock.advance(60_000);
    // Back to the same inputs as the second: reused, no touch.
    await elevate(deps({ sourceKeys: async () => ({ accessKeyId: 'AKIAROTATED', secretAccessKey: 'new-secret' }) }), { profile: 'admin-session' });
    expect(touches).toHaveLength(2);
  });

  it('the MFA session of another AWS_CONFIG_FILE is not reused', async () => {
    await elevate(deps(), { profile: 'admin' });
    clock.advance(60_000);
    await elevate(deps({ scope: { ...SCOPE, configFile: '/other/config' } }), { profile: 'admin' });
    expect(touches).toHaveLength(2);
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

describe('elevate: what else is done with the session (alongside)', () => {
  it("runs beside the cache's write of a new session, so that their fsyncs overlap, and resolves once both are done", async () => {
    const cache = new SessionCache({ dir: join(dir, 'cache'), clock });
    const put = cache.put.bind(cache);
    let started: () => void = () => undefined;
    const alongsideStarted = new Promise<void>((resolve) => (started = resolve));
    // The cache's write of the role session waits for the other one to start: one after the other, this elevation would never end.
    vi.spyOn(cache, 'put').mockImplementation(async (...args) => {
      if (args[0].kind === 'role-session') await alongsideStarted;
      return put(...args);
    });
    let finished = false;
    const s = await elevate(deps({ cache }), {
      profile: 'admin',
      alongside: async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
    });
    expect(finished).toBe(true);
    expect(await readCacheEntry(join(dir, 'cache'), { kind: 'role-session', profile: 'admin' })).toMatchObject({ accessKeyId: s.credentials.accessKeyId });
  });

  it('runs for a session served from the cache too, and a failure of either write fails the elevation', async () => {
    await elevate(deps(), { profile: 'admin' });
    const seen: string[] = [];
    const again = await elevate(deps(), { profile: 'admin', reuseCached: true, alongside: async (c) => void seen.push(c.accessKeyId) });
    expect(again.fromCache).toBe(true);
    expect(seen).toEqual([again.credentials.accessKeyId]);
    const failing = elevate(deps(), {
      profile: 'admin',
      alongside: () => Promise.reject(new TouchroleError('file-write-failed', 'credentials file not written')),
    });
    await expect(failing).rejects.toThrow('credentials file not written');
  });
});
