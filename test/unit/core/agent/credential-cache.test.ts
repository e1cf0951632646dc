// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { CredentialProcessOutput } from '../../../../src-shared/agent-protocol';
import { ManualClock } from '../../../../src-shared/time/clock';
import { CredentialCache } from '../../../../src-main/core/agent/credential-cache';

const T0 = Date.UTC(2026, 0, 1, 12);
const creds = (key: string, expiresAt: number): CredentialProcessOutput => ({
  Version: 1,
  AccessKeyId: key,
  SecretAccessKey: 'secret',
  SessionToken: 'token',
  Expiration: new Date(expiresAt).toISOString(),
});

describe('CredentialCache', () => {
  it('serves from memory while more than the window remains, then fetches again', async () => {
    const clock = new ManualClock(T0);
    const cache = new CredentialCache(clock, 5 * 60_000);
    let fetches = 0;
    const fetch = (): Promise<CredentialProcessOutput> => Promise.resolve(creds(`K${++fetches}`, T0 + 3600_000));
    expect((await cache.get('p', fetch)).AccessKeyId).toBe('K1');
    clock.advance(54 * 60_000);
    expect((await cache.get('p', fetch)).AccessKeyId).toBe('K1');
    clock.advance(60_000 + 1); // 4m59s left: inside the refresh window
    expect((await cache.get('p', fetch)).AccessKeyId).toBe('K2');
  });

  it('shares one fetch among concurrent callers of the same profile, not across profiles', async () => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = async (profile: string): Promise<CredentialProcessOutput> => {
      calls.push(profile);
      await gate;
      return creds(profile, T0 + 3600_000);
    };
    const all = Promise.all([cache.get('a', fetch), cache.get('a', fetch), cache.get('a', fetch), cache.get('b', fetch)]);
    release();
    const results = await all;
    expect(calls).toEqual(['a', 'b']);
    expect(results.map((r) => r.AccessKeyId)).toEqual(['a', 'a', 'a', 'b']);
  });

  it('does not cache failures, and forget() drops an entry', async () => {
    const cache = new CredentialCache(new ManualClock(T0), 0);
    await expect(cache.get('p', () => Promise.reject(new Error('touch timeout')))).rejects.toThrow('touch timeout');
    let n = 0;
    const fetch = (): Promise<CredentialProcessOutput> => Promise.resolve(creds(`K${++n}`, T0 + 3600_000));
    expect((await cache.get('p', fetch)).AccessKeyId).toBe('K1');
    cache.forget('p');
    expect((await cache.get('p', fetch)).AccessKeyId).toBe('K2');
  });
});
