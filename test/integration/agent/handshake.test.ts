// SPDX-License-Identifier: MIT
// Mutual authentication on every agent connection (src-shared/agent-handshake.ts) over a real
// unix socket: the key file, clients without the key, wrong and replayed answers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-shared/time/clock';
import { runAgent, tryAgent, type RunningAgent } from '../../../src-main/core/agent';
import { agentKeyPath } from '../../../src-main/core/agent/agent-key';
import { ClientHandshake } from '../../../src-main/core/agent/handshake';
import { makeTempUser, TOUCHROLE_BIN } from '../../support/cli-harness';
import { FakeBackend } from '../../support/fake-backend';
import { privateDir, RawClient } from '../../support/agent/raw-client';

let tmp: { dir: string; cleanup: () => Promise<void> };
let agent: RunningAgent | undefined;
let backend: FakeBackend;
let socketPath: string;
const log: string[] = [];
const clients: RawClient[] = [];

beforeEach(async () => {
  tmp = await privateDir();
  socketPath = join(tmp.dir, 'agent.sock');
  backend = new FakeBackend({ clock: systemClock });
  log.length = 0;
  agent = await runAgent({ backend, clock: systemClock, socketPath, log: (line) => log.push(line) });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await agent?.close();
  await tmp.cleanup();
});

async function connected(): Promise<RawClient> {
  const c = await RawClient.connect(socketPath);
  clients.push(c);
  return c;
}

const ping = `${JSON.stringify({ v: 1, id: 1, method: 'ping' })}\n`;
const elevate = `${JSON.stringify({ v: 1, id: 2, method: 'elevate', params: { profile: 'admin' } })}\n`;
const refusal = { v: 1, id: null, ok: false, error: { code: 'agent-unauthenticated' } };

/** Resolves when the agent has closed the connection. */
function closedBy(c: RawClient): Promise<void> {
  return new Promise((resolve) => (c.socket.readableEnded || c.socket.destroyed ? resolve() : c.socket.once('close', () => resolve())));
}

describe('the agent key', () => {
  it('is 32 random bytes, mode 0600, beside the socket, and removed when the agent stops', async () => {
    const keyPath = agentKeyPath(socketPath);
    expect(keyPath).toBe(join(tmp.dir, 'agent.key'));
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyPath)).length).toBe(32);
    await agent?.close();
    agent = undefined;
    await expect(stat(keyPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is removed when `touchrole agent` stops on SIGTERM (the built CLI)', async () => {
    const user = makeTempUser({}, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const keyPath = agentKeyPath(user.env['TOUCHROLE_AGENT_SOCKET'] ?? '');
    const child = spawn(process.execPath, [TOUCHROLE_BIN, 'agent'], { env: user.env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await expect.poll(() => out, { timeout: 15_000 }).toContain('agent listening on');
      expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await expect(stat(keyPath)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      child.kill('SIGKILL');
      await rm(user.home, { recursive: true, force: true });
    }
  }, 30_000);

  it("a second agent that finds the first running leaves its key alone; a dead agent's key is replaced", async () => {
    const keyPath = agentKeyPath(socketPath);
    const first = await readFile(keyPath);
    await expect(runAgent({ backend, clock: systemClock, socketPath })).rejects.toMatchObject({ code: 'agent-already-running' });
    expect((await readFile(keyPath)).equals(first)).toBe(true);
    expect(await tryAgent({ method: 'ping', params: {} }, { socketPath, timeoutMs: 2000 })).toEqual({ pong: true, protocol: 1 });
    await agent?.close();
    await writeFile(keyPath, first, { mode: 0o600 }); // as a crashed agent leaves it
    agent = await runAgent({ backend, clock: systemClock, socketPath });
    expect((await readFile(keyPath)).equals(first)).toBe(false);
    expect(await tryAgent({ method: 'ping', params: {} }, { socketPath, timeoutMs: 2000 })).toEqual({ pong: true, protocol: 1 });
  });

  it('is new for each agent start', async () => {
    const first = await readFile(agentKeyPath(socketPath));
    await agent?.close();
    agent = await runAgent({ backend, clock: systemClock, socketPath });
    expect((await readFile(agentKeyPath(socketPath))).equals(first)).toBe(false);
  });
});

describe('the agent refuses a client that does not prove the key', () => {
  it('a client that sends a request instead: one refusal, the connection closed, nothing handled', async () => {
    const c = await connected();
    expect(await c.next()).toMatchObject({ v: 1, hello: 'touchrole-agent' });
    c.write(elevate + ping);
    expect(await c.next()).toMatchObject(refusal);
    await closedBy(c);
    await expect(c.next(300)).rejects.toThrow(/no line/);
    expect(backend.log).toEqual([]);
    expect(log).toContain('refused a connection that did not prove it can read the agent key');
  });

  it('a client that cannot read the key file refuses to go on and sends nothing', async () => {
    const error = await tryAgent(
      { method: 'elevate', params: { profile: 'admin' } },
      { socketPath, keyPath: join(tmp.dir, 'missing.key'), timeoutMs: 2000 },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'agent-unauthenticated', message: expect.stringContaining('missing.key') as unknown });
    expect(backend.log).toEqual([]);
  });

  it('a wrong HMAC (another key) is refused, and a request sent with it is not handled', async () => {
    const wrongKey = join(tmp.dir, 'wrong.key');
    await writeFile(wrongKey, randomBytes(32), { mode: 0o600 });
    const error = await tryAgent({ method: 'elevate', params: { profile: 'admin' } }, { socketPath, keyPath: wrongKey, timeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'agent-unauthenticated', message: expect.stringContaining('refused this connection') as unknown });

    const c = await connected();
    const hello = JSON.stringify(await c.next());
    c.write(`${new ClientHandshake(randomBytes(32)).answer(hello)}\n${elevate}`);
    expect(await c.next()).toMatchObject(refusal);
    await closedBy(c);
    expect(backend.log).toEqual([]);
  });

  it('a malformed answer (a MAC of the wrong length, extra fields) is refused', async () => {
    for (const answer of [
      { v: 1, auth: 'client', nonce: 'a'.repeat(64), mac: 'b'.repeat(62) },
      { v: 1, auth: 'client', nonce: 'a'.repeat(64), mac: 'b'.repeat(64), id: 1, method: 'ping' },
    ]) {
      const c = await connected();
      await c.next();
      c.write(`${JSON.stringify(answer)}\n`);
      expect(await c.next()).toMatchObject(refusal);
    }
  });

  it('a client answer replayed from an earlier connection is refused', async () => {
    const key = await readFile(agentKeyPath(socketPath));
    const first = await connected();
    const recorded = new ClientHandshake(key).answer(JSON.stringify(await first.next()));
    first.write(`${recorded}\n`);
    expect(await first.next()).toMatchObject({ v: 1, auth: 'server' }); // accepted there
    first.close();

    const second = await connected();
    await second.next(); // a fresh nonce
    second.write(`${recorded}\n${ping}`);
    expect(await second.next()).toMatchObject(refusal);
    await closedBy(second);
  });

  it('the real client proves the key and is served', async () => {
    expect(await tryAgent({ method: 'ping', params: {} }, { socketPath, timeoutMs: 2000 })).toEqual({ pong: true, protocol: 1 });
  });
});
