// SPDX-License-Identifier: MIT
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsLockPath, managedSections, updateCredentialsFile, upsertManagedSection } from '../../../src-main/core/aws-config';
import { ManualClock } from '../../../src-shared/time/clock';
import { oracleCredentials, requireBotocore } from '../../support/aws-config/oracle';

const T0 = Date.UTC(2026, 0, 1);
const clock = new ManualClock(T0);
const session = (n: number, expiresAt = T0 + 3_600_000) => ({
  accessKeyId: `ASIA${n}`,
  secretAccessKey: 's+/x',
  sessionToken: `tok${n}==`,
  expiresAt,
});
const mode = (p: string): number => statSync(p).mode & 0o777;

let root: string;
let worker: string;

beforeAll(() => {
  requireBotocore();
  root = mkdtempSync(join(tmpdir(), 'touchrole-awscfg-'));
  worker = join(root, 'writer-worker.cjs');
  // The worker runs as its own node process: bundle it (TypeScript) once.
  buildSync({ entryPoints: [resolve(__dirname, 'writer-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: worker, logLevel: 'error' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(...args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stderr }));
  });
}

describe('updateCredentialsFile', () => {
  it('creates ~/.aws 0700 and the file 0600, and botocore reads it', async () => {
    const path = join(root, 'new', '.aws', 'credentials');
    const result = await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'dev-touchrole', session(1)), { clock });
    expect(result).toEqual({ written: true, removedExpired: [] });
    expect(mode(join(root, 'new', '.aws'))).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(oracleCredentials(path).credentials).toEqual({
      ok: true,
      sections: { 'dev-touchrole': { aws_access_key_id: 'ASIA1', aws_secret_access_key: 's+/x', aws_session_token: 'tok1==' } },
    });
    expect(existsSync(credentialsLockPath(path))).toBe(false);
  });

  it('keeps user bytes and a stricter mode; tightens a looser one', async () => {
    const path = join(root, 'keep');
    const original = '# mine\r\n[default]\r\naws_access_key_id = AKIA\r\naws_secret_access_key = s';
    writeFileSync(path, original);
    chmodSync(path, 0o400);
    await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'x', session(1)), { clock });
    expect(mode(path)).toBe(0o400);
    expect(readFileSync(path, 'utf8').startsWith(original)).toBe(true);
    chmodSync(path, 0o644);
    await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'y', session(2)), { clock });
    expect(mode(path)).toBe(0o600);
    expect(oracleCredentials(path).credentials.ok).toBe(true);
  });

  it('removes expired managed sections on every write', async () => {
    const path = join(root, 'expiry');
    await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'old', session(1, T0 + 1000)), { clock });
    const later = new ManualClock(T0 + 2000);
    const result = await updateCredentialsFile(path, (t) => upsertManagedSection(t, 'new', session(2, T0 + 9000)), { clock: later });
    expect(result.removedExpired).toEqual(['old']);
    expect(managedSections(readFileSync(path, 'utf8')).map((s) => s.name)).toEqual(['new']);
  });

  it.each([
    ['a file botocore cannot parse', Buffer.from('[a]\nk = 1\n[a]\n')],
    ['invalid UTF-8', Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x6b, 0x3d, 0xff, 0x0a])],
    ['a BOM (botocore rejects it too)', Buffer.from('\ufeff[a]\nk = 1\n')],
  ])('refuses to edit %s and leaves it untouched', async (_label, bytes) => {
    const path = join(root, `bad-${bytes.length}`);
    writeFileSync(path, bytes);
    await expect(updateCredentialsFile(path, (t) => upsertManagedSection(t, 'x', session(1)), { clock })).rejects.toMatchObject({
      code: 'credentials-parse-error',
    });
    expect(readFileSync(path)).toEqual(bytes);
  });

  it('refuses to write a result that would not parse', async () => {
    const path = join(root, 'refuse-result');
    writeFileSync(path, '[a]\nk = 1\n');
    await expect(updateCredentialsFile(path, (t) => t + 'junk\n', { clock })).rejects.toMatchObject({ code: 'credentials-parse-error' });
    expect(readFileSync(path, 'utf8')).toBe('[a]\nk = 1\n');
  });

  it('writes through a symlink, keeping the link', async () => {
    const real = join(root, 'real-credentials');
    const link = join(root, 'link-credentials');
    writeFileSync(real, '[a]\nk = 1\n');
    symlinkSync(real, link);
    await updateCredentialsFile(link, (t) => upsertManagedSection(t, 'x', session(1)), { clock });
    expect(readFileSync(real, 'utf8')).toContain('[x]');
    expect(readFileSync(link, 'utf8')).toBe(readFileSync(real, 'utf8'));
  });

  it('10 parallel writer processes: all 10 sections, mode 0600, botocore parses it', async () => {
    const dir = mkdtempSync(join(root, 'parallel-'));
    const path = join(dir, 'credentials');
    const original = '# keep me\n[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\n';
    writeFileSync(path, original, { mode: 0o600 });
    const names = Array.from({ length: 10 }, (_, i) => `p${i}-touchrole`);
    const results = await Promise.all(names.map((n) => run(path, n)));
    expect(results.map((r) => r.code)).toEqual(names.map(() => 0));
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(new Set(managedSections(text).map((s) => s.name))).toEqual(new Set(names));
    expect(mode(path)).toBe(0o600);
    const parsed = oracleCredentials(path).credentials;
    expect(parsed.ok).toBe(true);
    expect(Object.keys(parsed.sections ?? {}).sort()).toEqual(['default', ...names].sort());
    for (const n of names) expect(parsed.sections?.[n]?.['aws_session_token']).toBe(`token-${n}==`);
    expect(readdirSync(dir)).toEqual(['credentials']); // no temp or lock files left
  });

  it('a crash between temp write and rename leaves the original intact', async () => {
    const dir = mkdtempSync(join(root, 'crash-'));
    const path = join(dir, 'credentials');
    const original = '[default]\r\naws_access_key_id = AKIA\r\naws_secret_access_key = s';
    writeFileSync(path, original, { mode: 0o600 });
    const crashed = await run(path, 'victim-touchrole', 'crash-before-rename');
    expect(crashed.signal).toBe('SIGKILL');
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toHaveLength(1); // it did get that far
    // The dead writer's lock is broken by the next writer, which succeeds.
    expect((await run(path, 'next-touchrole')).code).toBe(0);
    expect(managedSections(readFileSync(path, 'utf8')).map((s) => s.name)).toEqual(['next-touchrole']);
    expect(oracleCredentials(path).credentials.ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['credentials']); // the dead writer's temp file is gone
  });
});
