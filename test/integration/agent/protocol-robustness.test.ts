// SPDX-License-Identifier: MIT
// The agent over a real unix socket with bad input, many clients and clients that leave.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../src-shared/errors';
import { systemClock } from '../../../src-shared/time/clock';
import { runAgent, tryAgent, type RunningAgent } from '../../../src-main/core/agent';
import { FakeBackend } from '../../support/fake-backend';
import { privateDir, RawClient } from '../../support/agent/raw-client';

let tmp: { dir: string; cleanup: () => Promise<void> };
let agent: RunningAgent;
let backend: FakeBackend;
let socketPath: string;
const clients: RawClient[] = [];

beforeEach(async () => {
  tmp = await privateDir();
  socketPath = join(tmp.dir, 'agent.sock');
  backend = new FakeBackend({ clock: systemClock });
  agent = await runAgent({ backend, clock: systemClock, socketPath });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await agent.close();
  await tmp.cleanup();
});

async function raw(): Promise<RawClient> {
  const c = await RawClient.open(socketPath);
  clients.push(c);
  return c;
}

const ping = (id: number | string): string => `${JSON.stringify({ v: 1, id, method: 'ping' })}\n`;
const pong = (id: number | string): unknown => ({ v: 1, id, ok: true, result: { pong: true, protocol: 1 } });
const protocolError = (id: number | null, message: RegExp): unknown => ({
  v: 1,
  id,
  ok: false,
  error: expect.objectContaining({ code: 'agent-protocol', message: expect.stringMatching(message) as unknown }) as unknown,
});

describe('bad input gets an error reply and the connection keeps serving', () => {
  it('malformed JSON', async () => {
    const c = await raw();
    c.write('{"v":1,"id":1,"method":\n');
    expect(await c.next()).toEqual(protocolError(null, /not valid JSON/));
    c.write(ping(2));
    expect(await c.next()).toEqual(pong(2));
  });

  it('oversized line, sent in pieces, then a good request on the same connection', async () => {
    const c = await raw();
    const piece = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 6; i++) c.write(piece); // 96 KiB, over the 64 KiB limit
    c.write(`\n${ping(3).trimEnd()}\n`);
    expect(await c.next()).toEqual(protocolError(null, /longer than 65536 bytes/));
    expect(await c.next()).toEqual(pong(3));
  });

  it('a huge line without a newline does not make the agent hold it', async () => {
    const c = await raw();
    c.write(Buffer.alloc(4 * 1024 * 1024, 0x41));
    expect(await c.next()).toEqual(protocolError(null, /longer than/));
    c.write('\n');
    c.write(ping(4));
    expect(await c.next()).toEqual(pong(4));
  });

  it('unknown method, wrong version, bad params, each answered with the request id', async () => {
    const c = await raw();
    c.write(`${JSON.stringify({ v: 1, id: 5, method: 'shell', params: {} })}\n`);
    expect(await c.next()).toEqual(protocolError(5, /unknown method "shell"/));
    c.write(`${JSON.stringify({ v: 2, id: 6, method: 'ping' })}\n`);
    expect(await c.next()).toEqual(protocolError(6, /version 2/));
    c.write(`${JSON.stringify({ v: 1, id: 7, method: 'elevate', params: { profile: 'p', durationSeconds: 5 } })}\n`);
    expect(await c.next()).toEqual(protocolError(7, /durationSeconds/));
    expect(backend.log).toEqual([]);
    c.write(ping(8));
    expect(await c.next()).toEqual(pong(8));
  });

  it('several requests in one write, answered by id', async () => {
    const c = await raw();
    c.write(`${ping('a')}\n\r\n${ping('b')}`);
    expect([await c.next(), await c.next()]).toEqual([pong('a'), pong('b')]);
  });
});

describe('backend errors cross the socket as data', () => {
  it('a TouchroleError keeps its code, message and hint', async () => {
    const error = await tryAgent({ method: 'credentialProcess', params: { profile: 'locked' } }, { socketPath, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TouchroleError);
    expect(error).toMatchObject({ code: 'oath-locked', message: 'The YubiKey OATH applet is locked', hint: 'Run "touchrole yubikey unlock".' });
  });

  it('any other error becomes "internal" without its message (which may hold secrets)', async () => {
    const c = await raw();
    c.write(`${JSON.stringify({ v: 1, id: 9, method: 'elevate', params: { profile: 'crash' } })}\n`);
    const reply = await c.next();
    expect(reply).toMatchObject({ id: 9, ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toMatch(/wJalrXUtnFEMI|SecretAccessKey/);
  });
});

describe('many clients', () => {
  it('20 concurrent clients: one credential fetch per profile, every caller answered', async () => {
    let release: () => void = () => undefined;
    backend.key.gate = new Promise((r) => (release = r));
    const calls = Array.from({ length: 20 }, (_, i) =>
      tryAgent({ method: 'credentialProcess', params: { profile: i % 2 === 0 ? 'even' : 'odd' } }, { socketPath, timeoutMs: 5000 }),
    );
    setTimeout(release, 50);
    const results = await Promise.all(calls);
    expect(results.map((r) => r?.AccessKeyId)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'ASIAEVEN' : 'ASIAODD')));
    expect(backend.log.sort()).toEqual(['credentialProcess even', 'credentialProcess odd']);
    // Served from the agent's memory afterwards.
    await tryAgent({ method: 'credentialProcess', params: { profile: 'even' } }, { socketPath, timeoutMs: 2000 });
    expect(backend.log).toHaveLength(2);
  });

  it('20 concurrent elevations of different profiles all land in the agent', async () => {
    const profiles = Array.from({ length: 20 }, (_, i) => `role-${i}`);
    const sessions = await Promise.all(profiles.map((profile) => tryAgent({ method: 'elevate', params: { profile } }, { socketPath, timeoutMs: 5000 })));
    expect(sessions.map((s) => s?.profile)).toEqual(profiles);
    const listed = await tryAgent({ method: 'sessions.list', params: {} }, { socketPath, timeoutMs: 2000 });
    expect(listed?.sessions.map((s) => s.profile).sort()).toEqual([...profiles].sort());
    expect(agent.sessions()).toHaveLength(20);
  });
});

describe('a client that leaves mid-request', () => {
  it('does not disturb the agent, and the elevation it started still completes', async () => {
    let release: () => void = () => undefined;
    backend.key.gate = new Promise((r) => (release = r));
    const c = await raw();
    c.write(`${JSON.stringify({ v: 1, id: 1, method: 'elevate', params: { profile: 'admin' } })}\n`);
    await waitFor(() => backend.log.includes('elevate admin'));
    c.close();
    release();
    await waitFor(() => agent.sessions().length === 1);
    expect(await tryAgent({ method: 'ping', params: {} }, { socketPath, timeoutMs: 2000 })).toEqual({ pong: true, protocol: 1 });
    const status = await tryAgent({ method: 'status', params: {} }, { socketPath, timeoutMs: 2000 });
    expect(status?.sessions.map((s) => s.profile)).toEqual(['admin']);
    expect(status?.yubikey).toBe('ready');
    expect(status?.agent.pid).toBe(process.pid);
  });

  it('a client that times out gets agent-unavailable; a later answer is dropped quietly', async () => {
    let release: () => void = () => undefined;
    backend.key.gate = new Promise((r) => (release = r));
    const error = await tryAgent({ method: 'elevate', params: { profile: 'slow' } }, { socketPath, timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'agent-unavailable', message: expect.stringMatching(/did not answer elevate/) as unknown });
    release();
    await waitFor(() => agent.sessions().length === 1);
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
