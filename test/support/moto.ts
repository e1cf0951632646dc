// SPDX-License-Identifier: MIT
// moto_server on loopback for STS/IAM integration tests: the one in TOUCHROLE_TEST_MOTO_URL (CI), or our own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';

export interface Moto {
  /** e.g. http://127.0.0.1:5123 */
  url: string;
  /** Forget every resource (POST /moto-api/reset), so tests do not see each other's users and roles. */
  reset(): Promise<void>;
  /** Stops the server if this helper started it (by PID); a shared CI server is left running. */
  stop(): Promise<void>;
}

/** Dummy keys: moto accepts any signature. */
export const MOTO_KEYS = { accessKeyId: 'AKIATOUCHROLETEST001', secretAccessKey: 'touchrole-moto-test-secret-not-real-000000' } as const;

/** The account moto puts every resource in. */
export const MOTO_ACCOUNT = '123456789012';

export interface AssumableRoleOptions {
  maxSessionDuration?: number;
  /** A role left by an earlier file on a moto that is not reset counts as created. */
  existingIsFine?: boolean;
}

/** Roles the account's own IAM users may assume (trust: the account root), as a user's admin sets them up. */
export async function createAssumableRoles(moto: Moto, names: readonly string[], options: AssumableRoleOptions = {}): Promise<void> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: { ...MOTO_KEYS } });
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
  });
  const duration = options.maxSessionDuration === undefined ? {} : { MaxSessionDuration: options.maxSessionDuration };
  try {
    for (const name of names) {
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, ...duration })).catch((e: unknown) => {
        if (!(options.existingIsFine === true && (e as { name?: string }).name === 'EntityAlreadyExistsException')) throw e;
      });
    }
  } finally {
    iam.destroy();
  }
}

export async function startMoto(env: NodeJS.ProcessEnv = process.env): Promise<Moto> {
  const shared = env['TOUCHROLE_TEST_MOTO_URL'];
  if (shared) {
    await waitUntilUp(shared, 10_000).catch((e: unknown) => {
      throw new Error(`TOUCHROLE_TEST_MOTO_URL=${shared} does not answer: ${String(e)}`);
    });
    return { url: shared, reset: () => reset(shared), stop: async () => undefined };
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) =>
      reject(new Error(`moto_server could not be started (${e.message}); install it (pip install 'moto[server]') and put it on PATH`)),
    ),
  );
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`moto_server exited with ${String(code)}: ${stderr}`))));
  try {
    await Promise.race([waitUntilUp(url, 30_000), spawnError, exited]);
  } catch (e) {
    await stop(child);
    throw e;
  }
  return { url, reset: () => reset(url), stop: () => stop(child) };
}

async function reset(url: string): Promise<void> {
  const r = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!r.ok) throw new Error(`moto reset failed: HTTP ${r.status}`);
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.status < 500) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server at ${url} did not answer within ${timeoutMs} ms (${String(last)})`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid as number, 'SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
