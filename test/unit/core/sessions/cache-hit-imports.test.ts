// SPDX-License-Identifier: MIT
// credential_process runs on every `aws` command: its cache-hit path must not load the AWS SDK,
// PC/SC, node-hid or the keychain. Proven on the import graph and in a fresh Node process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerIdentity } from '../../../../src-main/core/sessions';

const ROOT = resolve(__dirname, '../../../..');
const HEAVY = /(^|\/)(@aws-sdk|@smithy|smartcard|node-hid|keytar)(\/|$)/;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchrole-hit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles `entry` with every package left external, so what it would load stays visible. */
function bundle(entry: string, name: string): Metafile {
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: join(dir, name),
    metafile: true,
    logLevel: 'error',
  });
  return out.metafile;
}

describe('credential_process cache-hit path', () => {
  it('cache-read.ts imports only node:fs, node:path and src-shared code', () => {
    const meta = bundle(join(ROOT, 'src-main/core/sessions/cache-read.ts'), 'cache-read.cjs');
    const sources = Object.keys(meta.inputs).map((p) => relative(ROOT, resolve(p)));
    expect(sources.filter((p) => p !== 'src-main/core/sessions/cache-read.ts' && !p.startsWith('src-shared/'))).toEqual([]);
    const externals = Object.values(meta.inputs).flatMap((i) => i.imports.filter((x) => x.external).map((x) => x.path));
    expect(externals.filter((p) => !/^node:(fs|fs\/promises|path|os)$/.test(p))).toEqual([]);
  });

  it('core/sessions fingerprinting a profile and serving a cached session in a fresh node process loads no SDK, PC/SC, HID or keychain', async () => {
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    mkdirSync(join(dir, '.aws'));
    const config = '[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\n[profile base]\nregion = eu-west-1\n';
    writeFileSync(join(dir, '.aws', 'config'), config);
    const env = { HOME: dir, TOUCHROLE_CACHE_DIR: cacheDir };
    const { fingerprint } = await callerIdentity(env, 'admin', {});
    writeFileSync(
      join(cacheDir, 'role-session.p-admin.json'),
      JSON.stringify({
        ...{ version: 2, kind: 'role-session', profile: 'admin', fingerprint },
        ...{ accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3600_000).toISOString() },
      }),
      { mode: 0o600 },
    );
    const entry = join(dir, 'hit-entry.ts');
    writeFileSync(
      entry,
      `import { callerIdentity, readCachedSession, toCredentialProcessJson } from ${JSON.stringify(join(ROOT, 'src-main/core/sessions'))};
       const env = { HOME: ${JSON.stringify(dir)}, TOUCHROLE_CACHE_DIR: process.argv[2] as string };
       const key = { kind: 'role-session', profile: 'admin' } as const;
       callerIdentity(env, 'admin', {}).then((id) => readCachedSession(process.argv[2] as string, key, id.fingerprint ?? '', Date.now())).then((hit) => {
         if (hit === undefined) throw new Error('cache miss');
         process.stdout.write(JSON.stringify({ out: toCredentialProcessJson(hit), loaded: Object.keys(require.cache) }));
       });`,
    );
    const meta = bundle(entry, 'hit.cjs');
    const statically = Object.values(meta.inputs)
      .flatMap((i) => i.imports.map((x) => x.path))
      .filter((p) => HEAVY.test(p));
    expect(statically).toEqual([]);
    const result = JSON.parse(execFileSync(process.execPath, [join(dir, 'hit.cjs'), cacheDir], { cwd: ROOT }).toString()) as {
      out: { AccessKeyId: string };
      loaded: string[];
    };
    expect(result.out.AccessKeyId).toBe('ASIAX');
    expect(result.loaded.filter((p) => HEAVY.test(p.split('\\\\').join('/')))).toEqual([]);
    expect(result.loaded.length).toBeGreaterThan(0);
  });
});
