// SPDX-License-Identifier: MIT
// What elevate does with its caches: a cached session serves only what the profile names now (the
// fingerprint), and what else is done with a new session (alongside) overlaps the cache's write.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import type { ManualClock } from '../../../../src-shared/time/clock';
import { elevate, readCacheEntry, SessionCache, type ElevateDeps } from '../../../../src-main/core/sessions';
import { freshElevateWorld, SCOPE, type ElevateWorld } from '../../../support/elevate-world';
import type { FakeSts } from '../../../support/fake-sts';
import { CONFIG, CREDENTIALS, MFA, profilesFrom } from '../../../support/profiles-fixture';

let dir: string;
let clock: ManualClock;
let sts: FakeSts;
let touches: string[];
let deps: ElevateWorld['deps'];

beforeEach(() => ({ dir, clock, sts, touches, deps } = freshElevateWorld()));
afterEach(() => rmSync(dir, { recursive: true, force: true }));
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
