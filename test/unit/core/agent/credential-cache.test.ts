// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { CredentialProcessOutput } from '../../../../src-shared/agent-protocol';
import { ManualClock } from '../../../../src-shared/time/clock';
import { CredentialCache, type FingerprintedCredentials } from '../../../../src-main/core/agent/credential-cache';

const T0 = Date.UTC(2026, 0, 1, 12);
const FP = 'a'.repeat(64);
const output = (key: string, expiresAt: number): CredentialProcessOutput => ({
  Version: 1,
  AccessKeyId: key,
  SecretAccessKey: 'secret',
  SessionToken: 'token',
  Expiration: new Date(expiresAt).toISOString(),
});
const creds = (key: string, expiresAt: number, fingerprint = FP): FingerprintedCredentials => ({ output: output(key, expiresAt), fingerprint });

describe('CredentialCache', () => {
  it('serves from memory while more than the window remains, then fetches again', async () => {
    const clock = new ManualClock(T0);
    const cache = new CredentialCache(clock, 5 * 60_000);
    let fetches = 0;
    const fetch = (): Promise<FingerprintedCredentials> => Promise.resolve(creds(`K${++fetches}`, T0 + 3600_000));
    expect((await cache.get('p', FP, fetch)).AccessKeyId).toBe('K1');
    clock.advance(54 * 60_000);
    expect((await cache.get('p', FP, fetch)).AccessKeyId).toBe('K1');
    clock.advance(60_000 + 1); // 4m59s left: inside the refresh window
    expect((await cache.get('p', FP, fetch)).AccessKeyId).toBe('K2');
  });

  it('shares one fetch among concurrent callers of the same profile, not across profiles', async () => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = async (profile: string): Promise<FingerprintedCredentials> => {
      calls.push(profile);
      await gate;
      return creds(profile, T0 + 3600_000);
    };
    const all = Promise.all([cache.get('a', FP, fetch), cache.get('a', FP, fetch), cache.get('a', FP, fetch), cache.get('b', FP, fetch)]);
    release();
    const results = await all;
    expect(calls).toEqual(['a', 'b']);
    expect(results.map((r) => r.AccessKeyId)).toEqual(['a', 'a', 'a', 'b']);
  });

  it('does not cache failures, and forget() drops an entry', async () => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    await expect(cache.get('p', FP, () => Promise.reject(new Error('touch timeout')))).rejects.toThrow('touch timeout');
    let n = 0;
    const fetch = (): Promise<FingerprintedCredentials> => Promise.resolve(creds(`K${++n}`, T0 + 3600_000));
    expect((await cache.get('p', FP, fetch)).AccessKeyId).toBe('K1');
    cache.forget('p');
    expect((await cache.get('p', FP, fetch)).AccessKeyId).toBe('K2');
  });

  it('serves from memory only to a request with the fingerprint the session was made from', async () => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    const other = 'b'.repeat(64);
    let n = 0;
    const fetch = (fingerprint: string) => (): Promise<FingerprintedCredentials> => Promise.resolve(creds(`K${++n}`, T0 + 3600_000, fingerprint));
    expect((await cache.get('p', FP, fetch(FP))).AccessKeyId).toBe('K1');
    expect((await cache.get('p', FP, fetch(FP))).AccessKeyId).toBe('K1');
    // role_arn edited: the profile now resolves to `other`, the old session is not served.
    expect((await cache.get('p', other, fetch(other))).AccessKeyId).toBe('K2');
    expect((await cache.get('p', other, fetch(other))).AccessKeyId).toBe('K2');
    // The agent cannot tell what the profile resolves to (config does not parse): never from memory.
    expect((await cache.get('p', undefined, fetch(other))).AccessKeyId).toBe('K3');
  });

  it.each([
    ['forget(profile)', (cache: CredentialCache) => cache.forget('p')],
    ['forgetAll()', (cache: CredentialCache) => cache.forgetAll()],
  ])('does not keep a fetch that was in flight when %s ran (an ended session is not served again)', async (_, end) => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    let n = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async (): Promise<FingerprintedCredentials> => {
      const key = `K${++n}`;
      await gate;
      return creds(key, T0 + 3600_000);
    };
    const inFlight = cache.get('p', FP, slow);
    end(cache); // `touchrole end p` or logout while the touch prompt is open
    // A caller after the end does not join the fetch from before it.
    const after = cache.get('p', FP, slow);
    release();
    expect((await inFlight).AccessKeyId).toBe('K1'); // its own caller asked before the end
    expect((await after).AccessKeyId).toBe('K2');
    let fetched = false;
    const fresh = (): Promise<FingerprintedCredentials> => {
      fetched = true;
      return Promise.resolve(creds('K3', T0 + 3600_000));
    };
    // K2 began after the end and is served; K1 was never stored.
    expect((await cache.get('p', FP, fresh)).AccessKeyId).toBe('K2');
    expect(fetched).toBe(false);
  });

  it('drops the result of a fetch in flight during forget(), so the next request fetches anew', async () => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const inFlight = cache.get('p', FP, async () => {
      await gate;
      return creds('OLD', T0 + 3600_000);
    });
    cache.forget('p');
    release();
    await inFlight;
    const next = await cache.get('p', FP, () => Promise.resolve(creds('NEW', T0 + 3600_000)));
    expect(next.AccessKeyId).toBe('NEW');
  });
});
