// SPDX-License-Identifier: MIT
// Two processes asking for a code for the same mfa_serial at the same moment.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;
let worker: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'touchrole-ledger-proc-'));
  worker = join(root, 'ledger-worker.cjs');
  buildSync({ entryPoints: [resolve(__dirname, 'ledger-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: worker, logLevel: 'error' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(dir: string, mode: 'reuse' | 'wait'): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [worker, join(dir, 'state'), join(dir, 'cache'), mode, join(dir, 'codes.log')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`worker exited ${String(code)}: ${err}`))));
  });
}

describe('MfaStepLedger across processes', () => {
  it('with an MFA session to share: one code is read, the other process reuses the session', async () => {
    const dir = mkdtempSync(join(root, 'reuse-'));
    const results = await Promise.all([run(dir, 'reuse'), run(dir, 'reuse')]);
    expect(results.filter((r) => r.startsWith('created with '))).toHaveLength(1);
    expect(results.filter((r) => r === 'reused')).toHaveLength(1);
    expect(readFileSync(join(dir, 'codes.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('without one: both succeed with codes of different time steps (the second waits)', async () => {
    const dir = mkdtempSync(join(root, 'wait-'));
    const results = await Promise.all([run(dir, 'wait'), run(dir, 'wait')]);
    const steps = readFileSync(join(dir, 'codes.log'), 'utf8').trim().split('\n');
    expect(steps).toHaveLength(2);
    expect(new Set(steps).size).toBe(2);
    expect(new Set(results).size).toBe(2);
  });
});
