// SPDX-License-Identifier: MIT
// The hot path's cache-first answer, and its memo of the files it parsed: served while nothing the
// session was made from changed, never once anything did (even a same-size edit in the same second).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProfileSet } from '../../../../src-main/core/aws-config';
import { cachedRoleSession, regionOf } from '../../../../src-main/core/hot-path';
import { SETTINGS_FILE } from '../../../../src-main/core/hot-path/cached-role-session';
import { memoFile, RACY_MS, signature } from '../../../../src-main/core/hot-path/inputs-memo';
import { callerIdentity, planFor, SessionCache } from '../../../../src-main/core/sessions';
import { loadSettings, settingsPath } from '../../../../src-main/core/settings/load-settings';
import { mergeProfiles, parseConfigFile } from '../../../../src-shared/aws-ini';

const CONFIG =
  '[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\nregion = eu-west-1\n[profile base]\nregion = us-east-2\n';
const CREDENTIALS = '[base]\naws_access_key_id = AKIABASE1\naws_secret_access_key = s\n';
/** Far enough ahead that every file these tests write is older than RACY_MS: the memo is written. */
const LATER = (): number => Date.now() + 10 * RACY_MS;

interface Home {
  env: NodeJS.ProcessEnv;
  config: string;
  credentials: string;
  settings: string;
  cache: string;
}

async function homeWithCachedSession(): Promise<Home> {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-hot-'));
  mkdirSync(join(home, '.aws'));
  const h: Home = {
    env: { HOME: home, TOUCHROLE_CACHE_DIR: join(home, 'cache'), TOUCHROLE_CONFIG_DIR: join(home, 'cfg'), TOUCHROLE_STATE_DIR: join(home, 'state') },
    config: join(home, '.aws', 'config'),
    credentials: join(home, '.aws', 'credentials'),
    settings: join(home, 'cfg', 'settings.ini'),
    cache: join(home, 'cache'),
  };
  writeFileSync(h.config, CONFIG);
  writeFileSync(h.credentials, CREDENTIALS);
  await cacheSessionFor(h);
  return h;
}

/** A cached session for `admin` made from the files as they are now (as an elevation stores it). */
async function cacheSessionFor(h: Home): Promise<void> {
  const { defaultDurationSeconds } = await loadSettings(h.env['TOUCHROLE_CONFIG_DIR'] ?? '');
  const { fingerprint } = await callerIdentity(h.env, 'admin', { defaultDurationSeconds });
  await new SessionCache({ dir: h.cache, clock: { now: () => Date.now() } }).put(
    { kind: 'role-session', profile: 'admin' },
    {
      kind: 'role-session',
      profile: 'admin',
      fingerprint: fingerprint ?? '',
      accessKeyId: 'ASIAHOT',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: Date.now() + 3_600_000,
    },
  );
}

function writeSettings(h: Home, text: string): void {
  mkdirSync(join(h.settings, '..'), { recursive: true });
  writeFileSync(h.settings, text);
}

const hit = async (h: Home, now = LATER()): Promise<string | undefined> => (await cachedRoleSession(h.env, 'admin', now))?.session.accessKeyId;

describe('cachedRoleSession', () => {
  it('serves the cached session with the region exec gives the child, and memoises what it derived', async () => {
    const h = await homeWithCachedSession();
    expect(await cachedRoleSession(h.env, 'admin', LATER())).toMatchObject({ session: { accessKeyId: 'ASIAHOT' }, region: 'eu-west-1' });
    const memo = JSON.parse(readFileSync(memoFile(h.cache, 'admin'), 'utf8')) as { derived: { fingerprint: string } };
    expect(memo.derived.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers from the memo while the files are unchanged (a memo naming another fingerprint is a miss)', async () => {
    const h = await homeWithCachedSession();
    expect(await hit(h)).toBe('ASIAHOT');
    const path = memoFile(h.cache, 'admin');
    const memo = JSON.parse(readFileSync(path, 'utf8')) as { derived: { fingerprint: string } };
    writeFileSync(path, JSON.stringify({ ...memo, derived: { ...memo.derived, fingerprint: 'f'.repeat(64) } }), { mode: 0o600 });
    expect(await hit(h)).toBeUndefined();
  });

  it('derives again once a file changes, even to the same size right away: an edit that changes nothing still hits', async () => {
    const h = await homeWithCachedSession();
    const path = memoFile(h.cache, 'admin');
    expect(await hit(h)).toBe('ASIAHOT');
    const memo = JSON.parse(readFileSync(path, 'utf8')) as { derived: { fingerprint: string } };
    writeFileSync(path, JSON.stringify({ ...memo, derived: { ...memo.derived, fingerprint: 'f'.repeat(64) } }), { mode: 0o600 });
    writeFileSync(h.config, CONFIG.replace('region = us-east-2', 'region = us-east-2')); // same bytes, new ctime
    expect(await hit(h)).toBe('ASIAHOT');
  });

  it.each([
    ['role_arn edited to the same size', (h: Home) => writeFileSync(h.config, CONFIG.replace('role/Admin', 'role/Other'))],
    ['region of the source profile edited', (h: Home) => writeFileSync(h.config, CONFIG.replace('us-east-2', 'us-west-2'))],
    ['new keys in the credentials file', (h: Home) => writeFileSync(h.credentials, CREDENTIALS.replace('AKIABASE1', 'AKIABASE2'))],
    ['the credentials file removed', (h: Home) => writeFileSync(h.credentials, '')],
    ['default_duration set in settings.ini', (h: Home) => writeSettings(h, '[sessions]\ndefault_duration = 2h\n')],
    ['another AWS_CONFIG_FILE', (h: Home) => (writeFileSync(`${h.config}-2`, CONFIG), (h.env['AWS_CONFIG_FILE'] = `${h.config}-2`))],
    ['another STS endpoint', (h: Home) => (h.env['AWS_ENDPOINT_URL_STS'] = 'http://127.0.0.1:1')],
  ])('never serves the session once its inputs change after the memo was written (%s)', async (_, change) => {
    const h = await homeWithCachedSession();
    expect(await hit(h)).toBe('ASIAHOT');
    change(h);
    expect(await hit(h)).toBeUndefined();
    expect(await hit(h)).toBeUndefined(); // and the memo it wrote meanwhile says so too
  });

  it('ignores a memo others could write', async () => {
    const h = await homeWithCachedSession();
    expect(await hit(h)).toBe('ASIAHOT');
    const path = memoFile(h.cache, 'admin');
    const memo = JSON.parse(readFileSync(path, 'utf8')) as { derived: { fingerprint: string } };
    writeFileSync(path, JSON.stringify({ ...memo, derived: { ...memo.derived, fingerprint: 'f'.repeat(64) } }));
    chmodSync(path, 0o666);
    expect(await hit(h)).toBe('ASIAHOT');
  });

  it('misses a session with less than the refresh window or the time asked for left', async () => {
    const h = await homeWithCachedSession();
    expect(await cachedRoleSession(h.env, 'admin', Date.now(), 3_600_000)).toBeUndefined();
    expect(await cachedRoleSession(h.env, 'admin', Date.now() + 3_600_000 - 4 * 60_000)).toBeUndefined();
  });
});

describe('the files the memo watches', () => {
  it('include settings.ini where the settings loader reads it', () => {
    expect(settingsPath('/cfg')).toBe(join('/cfg', SETTINGS_FILE));
  });
});

describe('signature (the identity of the files the memo was derived from)', () => {
  it('has no signature for a file changed within RACY_MS: a second change in the same timestamp tick could not be seen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchrole-sig-'));
    writeFileSync(join(dir, 'f'), 'x');
    expect(signature([join(dir, 'f')], Date.now())).toBeUndefined();
    expect(signature([join(dir, 'f'), join(dir, 'missing')], Date.now() + RACY_MS + 1000)).toEqual([expect.stringMatching(/^\d+:\d+:1:\d+:\d+$/), '-']);
    expect(signature([dir], Date.now() + RACY_MS + 1000)).toBeUndefined(); // not a regular file
  });
});

describe('regionOf', () => {
  it.each([
    ['the role profile region first', CONFIG, 'eu-west-1'],
    ['else the source profile region', CONFIG.replace('region = eu-west-1\n', ''), 'us-east-2'],
    ['else none', CONFIG.replace('region = eu-west-1\n', '').replace('region = us-east-2\n', ''), undefined],
    [
      'through a chain of roles, the end of the chain',
      `${CONFIG.replace('region = eu-west-1\n', '')}[profile top]\nrole_arn = arn:aws:iam::111111111111:role/Top\nsource_profile = admin\n`,
      'us-east-2',
    ],
  ])('gives the region sessions/plan.ts gives (%s)', (_, config, region) => {
    const merged = mergeProfiles(parseConfigFile(config), undefined);
    const name = config.includes('[profile top]') ? 'top' : 'admin';
    expect(regionOf((n) => merged.get(n), name)).toBe(region);
    const files = {
      paths: { configFile: 'c', credentialsFile: 'k', profile: 'default' },
      config: parseConfigFile(config),
      credentials: undefined,
      credentialsText: '',
      merged,
    };
    const { profiles } = buildProfileSet(files, { keychainProfiles: new Set(['base']) });
    expect(planFor(name, profiles).region).toBe(region);
  });
});
