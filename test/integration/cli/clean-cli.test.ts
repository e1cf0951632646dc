// SPDX-License-Identifier: MIT
// `touchrole clean` also removes expired cache entries and the atomic writer's stale temp files
// (old, writer pid gone), and leaves fresh ones, ones of a live writer, and foreign files alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { touchrolePaths } from '../../../src-main/core/paths';
import { SessionCache } from '../../../src-main/core/sessions';
import { systemClock } from '../../../src-shared/time/clock';
import { makeTempUser, runTouchrole } from '../../support/cli-harness';

const homes: string[] = [];
afterEach(async () => {
  for (const h of homes.splice(0)) await rm(h, { recursive: true, force: true });
});

const entry = (profile: string, expiration: number) => ({
  kind: 'role-session' as const,
  profile,
  fingerprint: 'fp',
  accessKeyId: 'ASIA',
  secretAccessKey: 's',
  sessionToken: 't',
  expiration,
});

describe('touchrole clean', () => {
  it('removes expired cache entries and stale temp files, keeps the rest', async () => {
    const user = makeTempUser({ config: '', credentials: '' });
    homes.push(user.home);
    const cacheDir = touchrolePaths(user.env).cache;
    const cache = new SessionCache({ dir: cacheDir, clock: systemClock });
    await cache.put({ kind: 'role-session', profile: 'old' }, entry('old', Date.now() - 60_000));
    await cache.put({ kind: 'role-session', profile: 'live' }, entry('live', Date.now() + 3600_000));
    mkdirSync(cacheDir, { recursive: true });

    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const hour = new Date(Date.now() - 3600_000);
    const file = (dir: string, name: string, old: boolean) => {
      const p = join(dir, name);
      writeFileSync(p, 'x');
      if (old) utimesSync(p, hour, hour);
      return p;
    };
    const staleCreds = file(user.awsDir, `.credentials.${deadPid}.0123456789ab.tmp`, true);
    const staleCache = file(cacheDir, `.role-session.p-live.json.${deadPid}.0123456789ab.tmp`, true);
    const fresh = file(user.awsDir, `.config.${deadPid}.0123456789ab.tmp`, false);
    const liveWriter = file(user.awsDir, `.config.${process.pid}.0123456789ab.tmp`, true);
    const foreign = file(user.awsDir, '.config.bak.tmp', true);
    const staleConfig = file(user.awsDir, `.config.${deadPid}.0123456789ac.tmp`, true);

    const r = await runTouchrole(['clean', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { cacheEntriesRemoved: string[]; tempFilesRemoved: string[] };
    expect(out.cacheEntriesRemoved).toEqual(['role-session.p-old.json']);
    // The credentials file's own temp files also go under its lock when clean edits it.
    expect(out.tempFilesRemoved).toContain(`.role-session.p-live.json.${deadPid}.0123456789ab.tmp`);
    expect(existsSync(staleCreds)).toBe(false);
    expect(existsSync(staleCache)).toBe(false);
    expect(existsSync(staleConfig)).toBe(false);
    for (const kept of [fresh, liveWriter, foreign]) expect(existsSync(kept), kept).toBe(true);
    expect(await cache.get({ kind: 'role-session', profile: 'live' }, 'fp')).toBeDefined();
  });
});
