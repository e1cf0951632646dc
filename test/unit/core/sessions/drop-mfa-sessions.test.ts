// SPDX-License-Identifier: MIT
// `keys remove` / `keys rotate` drop the cached MFA sessions made with the removed keys, and only those.
import { mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropMfaSessionsOf, SessionCache } from '../../../../src-main/core/sessions';
import { systemClock } from '../../../../src-shared/time/clock';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const session = (kind: 'role-session' | 'mfa-session', profile: string) => ({
  kind,
  profile,
  fingerprint: 'fp',
  accessKeyId: 'ASIA',
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: Date.now() + 3600_000,
});

describe('dropMfaSessionsOf', () => {
  it("removes the profile's MFA sessions (every MFA device) and leaves other profiles' and role sessions", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-cache-'));
    dirs.push(dir);
    const cache = new SessionCache({ dir, clock: systemClock });
    await cache.put({ kind: 'mfa-session', sourceProfile: 'work', mfaSerial: 'arn:aws:iam::1:mfa/a' }, session('mfa-session', 'work'));
    await cache.put({ kind: 'mfa-session', sourceProfile: 'work', mfaSerial: 'arn:aws:iam::1:mfa/b' }, session('mfa-session', 'work'));
    await cache.put({ kind: 'mfa-session', sourceProfile: 'home', mfaSerial: 'arn:aws:iam::1:mfa/a' }, session('mfa-session', 'home'));
    await cache.put({ kind: 'role-session', profile: 'work' }, session('role-session', 'work'));

    expect(await dropMfaSessionsOf(dir, 'work')).toHaveLength(2);
    expect(await cache.get({ kind: 'mfa-session', sourceProfile: 'work', mfaSerial: 'arn:aws:iam::1:mfa/a' }, 'fp')).toBeUndefined();
    expect(await cache.get({ kind: 'mfa-session', sourceProfile: 'work', mfaSerial: 'arn:aws:iam::1:mfa/b' }, 'fp')).toBeUndefined();
    expect(await cache.get({ kind: 'mfa-session', sourceProfile: 'home', mfaSerial: 'arn:aws:iam::1:mfa/a' }, 'fp')).toBeDefined();
    expect(await cache.get({ kind: 'role-session', profile: 'work' }, 'fp')).toBeDefined();
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('a missing cache directory removes nothing', async () => {
    expect(await dropMfaSessionsOf(join(tmpdir(), 'touchrole-no-such-cache-dir'), 'work')).toEqual([]);
  });
});
