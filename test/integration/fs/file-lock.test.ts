// SPDX-License-Identifier: MIT
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsLockPath, updateCredentialsFile } from '../../../src-main/core/aws-config';
import { breakLockIfUnchanged, withFileLock } from '../../../src-main/core/fs/file-lock';
import { ManualClock } from '../../../src-shared/time/clock';

let root: string;
let worker: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'touchrole-lock-'));
  worker = join(root, 'lock-worker.cjs');
  buildSync({ entryPoints: [resolve(__dirname, 'lock-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: worker, logLevel: 'error' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(lockPath: string, counterPath: string, staleMs?: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [worker, lockPath, counterPath, ...(staleMs === undefined ? [] : [staleMs])], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

/** A PID that is not running: past the kernel's maximum. */
const DEAD_PID = 4_194_304 + 1;
const lockText = (pid: number, at = Date.now()): string => JSON.stringify({ pid, at, nonce: 'n' });

describe('withFileLock', () => {
  it('30 short-lived processes: never two inside at once, no update lost, nothing left behind', async () => {
    const dir = mkdtempSync(join(root, 'procs-'));
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    // Three waves of ten, so holders exit while others are judging their locks.
    for (let wave = 0; wave < 3; wave++) {
      const results = await Promise.all(Array.from({ length: 10 }, () => run(join(dir, 'lock'), counter)));
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    }
    expect(readFileSync(counter, 'utf8')).toBe('30');
    expect(readdirSync(dir).sort()).toEqual(['counter']);
  }, 120_000);

  it('breaks a lock whose owner process is gone', async () => {
    const lock = join(mkdtempSync(join(root, 'dead-')), 'lock');
    writeFileSync(lock, lockText(DEAD_PID));
    await expect(withFileLock(lock, () => Promise.resolve('ran'), { timeoutMs: 2000 })).resolves.toBe('ran');
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a live owner, then says who to wait for', async () => {
    const lock = join(mkdtempSync(join(root, 'live-')), 'lock');
    const live = lockText(process.pid);
    writeFileSync(lock, live);
    await expect(withFileLock(lock, () => Promise.resolve('ran'), { timeoutMs: 300 })).rejects.toMatchObject({ code: 'file-locked' });
    expect(readFileSync(lock, 'utf8')).toBe(live);
  });

  it('never breaks a live owner of this host, even one that started long past staleMs', async () => {
    const lock = join(mkdtempSync(join(root, 'old-')), 'lock');
    const live = lockText(process.pid, Date.now() - 5000);
    writeFileSync(lock, live);
    const old = (Date.now() - 5000) / 1000;
    utimesSync(lock, old, old);
    await expect(withFileLock(lock, () => Promise.resolve('ran'), { timeoutMs: 500, staleMs: 1000 })).rejects.toMatchObject({ code: 'file-locked' });
    expect(readFileSync(lock, 'utf8')).toBe(live);
  });

  it("another host's lock (its PID means nothing here) is broken only once not refreshed for staleMs", async () => {
    const lock = join(mkdtempSync(join(root, 'host-')), 'lock');
    writeFileSync(lock, JSON.stringify({ host: 'elsewhere.invalid', pid: process.pid, at: Date.now() - 60_000, nonce: 'n' }));
    await expect(withFileLock(lock, () => Promise.resolve('ran'), { timeoutMs: 300, staleMs: 1000 })).rejects.toMatchObject({ code: 'file-locked' });
    const old = (Date.now() - 5000) / 1000;
    utimesSync(lock, old, old);
    await expect(withFileLock(lock, () => Promise.resolve('ran'), { timeoutMs: 2000, staleMs: 1000 })).resolves.toBe('ran');
  });

  it('a holder past staleMs keeps its lock: it refreshes the mtime, and a second process waits', async () => {
    const dir = mkdtempSync(join(root, 'long-'));
    const lock = join(dir, 'lock');
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    let release = (): void => undefined;
    const holding = withFileLock(lock, () => new Promise<void>((r) => (release = r)), { staleMs: 400 });
    await new Promise((r) => setTimeout(r, 1500)); // well past staleMs
    expect(Date.now() - statSync(lock).mtimeMs).toBeLessThan(400);
    const other = run(lock, counter, '400'); // a separate process with the same staleMs
    await new Promise((r) => setTimeout(r, 1000));
    expect(readFileSync(counter, 'utf8')).toBe('0');
    release();
    await holding;
    expect(await other).toMatchObject({ code: 0 });
    expect(readFileSync(counter, 'utf8')).toBe('1');
  }, 20_000);

  it('two paths to one file (a symlink and the real path) share one lock', async () => {
    const dir = mkdtempSync(join(root, 'paths-'));
    const real = join(dir, 'credentials');
    writeFileSync(real, '');
    symlinkSync(real, join(dir, 'link'));
    const clock = new ManualClock(0);
    let n = 0;
    const edit = (t: string): string => `${t}[s${++n}]\nx = 1\n`;
    let release = (): void => undefined;
    let entered = (): void => undefined;
    const inside = new Promise<void>((r) => (entered = r));
    const holder = updateCredentialsFile(join(dir, 'link'), edit, { clock, lock: {} });
    await holder;
    // Hold the lock of the link's path while another caller comes in through the real path, and the reverse.
    const held = withFileLock(credentialsLockPath(real), () => {
      entered();
      return new Promise<void>((r) => (release = r));
    });
    await inside;
    await expect(updateCredentialsFile(join(dir, 'link'), edit, { clock, lock: { timeoutMs: 300 } })).rejects.toMatchObject({ code: 'file-locked' });
    await expect(updateCredentialsFile(real, edit, { clock, lock: { timeoutMs: 300 } })).rejects.toMatchObject({ code: 'file-locked' });
    release();
    await held;
    await expect(updateCredentialsFile(join(dir, 'link'), edit, { clock, lock: { timeoutMs: 300 } })).resolves.toMatchObject({ written: true });
  });
});

describe('breakLockIfUnchanged', () => {
  it('removes the lock judged stale', async () => {
    const lock = join(mkdtempSync(join(root, 'break-')), 'lock');
    const stale = lockText(DEAD_PID);
    writeFileSync(lock, stale);
    await expect(breakLockIfUnchanged(lock, stale)).resolves.toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(`${lock}.break`)).toBe(false);
  });

  it('keeps a lock a live process took after the stale one was judged (the lost-update race)', async () => {
    const lock = join(mkdtempSync(join(root, 'race-')), 'lock');
    const stale = lockText(DEAD_PID);
    const fresh = lockText(process.pid);
    writeFileSync(lock, fresh); // the dead owner's lock was released and retaken meanwhile
    await breakLockIfUnchanged(lock, stale);
    expect(readFileSync(lock, 'utf8')).toBe(fresh);
  });

  it('does not break while another breaker is at work; clears a break lock left by a dead breaker', async () => {
    const lock = join(mkdtempSync(join(root, 'breakers-')), 'lock');
    const stale = lockText(DEAD_PID);
    writeFileSync(lock, stale);
    writeFileSync(`${lock}.break`, 'x');
    await expect(breakLockIfUnchanged(lock, stale)).resolves.toBe(false);
    expect(readFileSync(lock, 'utf8')).toBe(stale);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(`${lock}.break`, old, old);
    await expect(breakLockIfUnchanged(lock, stale)).resolves.toBe(false); // clears it; next call breaks
    await expect(breakLockIfUnchanged(lock, stale)).resolves.toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});
