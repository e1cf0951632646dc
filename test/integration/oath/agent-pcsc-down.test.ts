// SPDX-License-Identifier: MIT
/**
 * An agent whose pcscd cannot be reached (PCSCLITE_CSOCK_NAME pointing nowhere, the real
 * binding) reports its YubiKey as 'unavailable', not as "no YubiKey", and says so again on the
 * next request (a failed load is not cached as a key-less state).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryAgent } from '../../../src-main/core/agent';

let dir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchrole-pcscdown-'));
  const out = join(dir, 'child.js');
  buildSync({
    entryPoints: [join(__dirname, 'agent-pcsc-down-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    external: ['smartcard', 'keytar', 'node-hid', '@aws-sdk/*'],
    logLevel: 'error',
  });
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    NODE_PATH: join(__dirname, '../../../node_modules'),
    PCSCLITE_CSOCK_NAME: join(dir, 'no-pcscd.sock'),
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  };
  const started = spawn(process.execPath, [out, join(dir, 'agent.sock')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  child = started;
  await new Promise<void>((resolve, reject) => {
    started.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    started.once('exit', (code) => reject(new Error(`agent child exited (${code})`)));
  });
}, 30_000);

afterAll(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('agent with pcscd unreachable', () => {
  it('reports the YubiKey as unavailable, request after request', async () => {
    for (let i = 0; i < 2; i++) {
      const status = await tryAgent({ method: 'status', params: {} }, { socketPath: join(dir, 'agent.sock'), timeoutMs: 10_000 });
      expect(status?.yubikey).toBe('unavailable');
    }
  });
});
