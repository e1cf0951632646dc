// SPDX-License-Identifier: MIT
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-shared/time/clock';
import { cacheFileName, listCachedRoleSessions, SessionCache, type CachedSession } from '../../../../src-main/core/sessions';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;
let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'touchrole-cached-')), 'cache');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (profile: string, expiresInMs: number, kind: CachedSession['kind'] = 'role-session'): CachedSession => ({
  kind,
  profile,
  ...(kind === 'role-session' ? { roleArn: `arn:aws:iam::1:role/${profile}` } : { mfaSerial: 'arn:aws:iam::1:mfa/a' }),
  fingerprint: 'f'.repeat(64),
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: NOW + expiresInMs,
});

describe('listCachedRoleSessions', () => {
  it('lists live role sessions (not MFA sessions, not expired ones), soonest expiry first', async () => {
    const cache = new SessionCache({ dir, clock: new ManualClock(NOW) });
    await cache.put({ kind: 'role-session', profile: 'prod.admin' }, entry('prod.admin', 50 * MIN));
    await cache.put({ kind: 'role-session', profile: 'dev' }, entry('dev', 10 * MIN));
    await cache.put({ kind: 'role-session', profile: 'old' }, entry('old', -MIN));
    await cache.put({ kind: 'mfa-session', sourceProfile: 'src', mfaSerial: 'arn:aws:iam::1:mfa/a' }, entry('src', 60 * MIN, 'mfa-session'));
    expect(await listCachedRoleSessions(dir, NOW)).toEqual([
      { profile: 'dev', roleArn: 'arn:aws:iam::1:role/dev', expiresAt: NOW + 10 * MIN },
      { profile: 'prod.admin', roleArn: 'arn:aws:iam::1:role/prod.admin', expiresAt: NOW + 50 * MIN },
    ]);
  });

  it("skips entries others could read or that sit under another profile's name, and a missing directory", async () => {
    expect(await listCachedRoleSessions(join(dir, 'none'), NOW)).toEqual([]);
    const cache = new SessionCache({ dir, clock: new ManualClock(NOW) });
    await cache.put({ kind: 'role-session', profile: 'open' }, entry('open', 50 * MIN));
    chmodSync(join(dir, cacheFileName({ kind: 'role-session', profile: 'open' })), 0o644);
    const text = JSON.stringify({ version: 1, ...entry('victim', 50 * MIN), expiration: new Date(NOW + 50 * MIN).toISOString() });
    writeFileSync(join(dir, cacheFileName({ kind: 'role-session', profile: 'other' })), text, { mode: 0o600 });
    expect(await listCachedRoleSessions(dir, NOW)).toEqual([]);
  });
});
