// SPDX-License-Identifier: MIT
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-shared/time/clock';
import { cacheFileName, SessionCache, toCredentialProcessJson, type CachedSession, type CacheKey } from '../../../../src-main/core/sessions';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;
let root: string;
let clock: ManualClock;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'touchrole-cache-'));
  clock = new ManualClock(NOW);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const key: CacheKey = { kind: 'role-session', profile: 'admin' };
const FP = 'a'.repeat(64);
const session = (expiresInMs: number): CachedSession => ({
  kind: 'role-session',
  profile: 'admin',
  roleArn: 'arn:aws:iam::222222222222:role/Admin',
  fingerprint: FP,
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: NOW + expiresInMs,
});

describe('SessionCache', () => {
  it('stores 0600 files in a 0700 directory and reads them back', async () => {
    const dir = join(root, 'cache', 'touchrole');
    const cache = new SessionCache({ dir, clock });
    await cache.put(key, session(60 * MIN));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const file = join(dir, cacheFileName(key));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).expiration).toBe('2026-03-01T11:00:00.000Z');
    expect(await cache.get(key, FP)).toEqual(session(60 * MIN));
  });

  it.each([
    ['6 minutes left, default 5-minute window: reused', 6 * MIN, undefined, true],
    ['exactly 5 minutes left: refreshed', 5 * MIN, undefined, false],
    ['4 minutes left: refreshed', 4 * MIN, undefined, false],
    ['expired: refreshed', -1 * MIN, undefined, false],
    ['20 minutes left with a 15-minute window: reused', 20 * MIN, 15 * MIN, true],
    ['14 minutes left with a 15-minute window: refreshed', 14 * MIN, 15 * MIN, false],
  ])('%s', async (_, left, window, reused) => {
    const cache = new SessionCache({ dir: root, clock, ...(window === undefined ? {} : { refreshWindowMs: window }) });
    await cache.put(key, session(left));
    expect((await cache.get(key, FP)) !== undefined).toBe(reused);
  });

  it('a session ages out as the clock moves', async () => {
    const cache = new SessionCache({ dir: root, clock });
    await cache.put(key, session(30 * MIN));
    expect(await cache.get(key, FP)).toBeDefined();
    clock.advance(25 * MIN + 1);
    expect(await cache.get(key, FP)).toBeUndefined();
  });

  it('treats malformed, wrong-kind and group-readable entries as misses', async () => {
    const cache = new SessionCache({ dir: root, clock });
    await cache.put(key, session(60 * MIN));
    const file = join(root, cacheFileName(key));
    chmodSync(file, 0o644);
    expect(await cache.get(key, FP)).toBeUndefined();
    writeFileSync(file, '{"version":1,"kind":"role-session"', { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(await cache.get(key, FP)).toBeUndefined();
    await cache.put({ kind: 'mfa-session', sourceProfile: 'admin', mfaSerial: 'x' }, { ...session(60 * MIN), kind: 'mfa-session' });
    expect(await cache.get({ kind: 'mfa-session', sourceProfile: 'admin', mfaSerial: 'y' }, FP)).toBeUndefined();
  });

  it('a session made from other inputs is a miss; an entry from before fingerprints (version 1) is a miss', async () => {
    const cache = new SessionCache({ dir: root, clock });
    await cache.put(key, session(60 * MIN));
    expect(await cache.get(key, 'b'.repeat(64))).toBeUndefined();
    expect(await cache.get(key, FP)).toBeDefined();
    const file = join(root, cacheFileName(key));
    const old = { ...JSON.parse(readFileSync(file, 'utf8')), version: 1 };
    delete old.fingerprint;
    writeFileSync(file, JSON.stringify(old), { mode: 0o600 });
    expect(await cache.get(key, FP)).toBeUndefined();
    // Even with a fingerprint field, a version 1 entry is not trusted.
    writeFileSync(file, JSON.stringify({ ...old, fingerprint: FP }), { mode: 0o600 });
    expect(await cache.get(key, FP)).toBeUndefined();
  });

  it('keeps keys apart: profiles with odd names, MFA sessions per serial', () => {
    const names = [
      cacheFileName({ kind: 'role-session', profile: 'admin' }),
      cacheFileName({ kind: 'role-session', profile: 'p-admin' }),
      cacheFileName({ kind: 'role-session', profile: '../../etc/passwd' }),
      cacheFileName({ kind: 'role-session', profile: 'x'.repeat(300) }),
      cacheFileName({ kind: 'role-session', profile: `${'x'.repeat(299)}y` }),
      cacheFileName({ kind: 'mfa-session', sourceProfile: 'base', mfaSerial: 'arn:aws:iam::1:mfa/a' }),
      cacheFileName({ kind: 'mfa-session', sourceProfile: 'base', mfaSerial: 'arn:aws:iam::1:mfa/b' }),
    ];
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) {
      expect(n).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(n.length).toBeLessThan(255);
    }
  });

  it('removeExpired deletes only expired entries', async () => {
    const cache = new SessionCache({ dir: root, clock });
    await cache.put(key, session(-MIN));
    await cache.put({ kind: 'role-session', profile: 'other' }, { ...session(60 * MIN), profile: 'other' });
    expect(await cache.removeExpired()).toEqual([cacheFileName(key)]);
    expect(readdirSync(root).filter((n) => n.endsWith('.json'))).toEqual([cacheFileName({ kind: 'role-session', profile: 'other' })]);
  });

  it('formats credential_process output', () => {
    expect(toCredentialProcessJson(session(60 * MIN))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: '2026-03-01T11:00:00.000Z',
    });
  });
});
