// SPDX-License-Identifier: MIT
// askAgent: an answer that is not the user's error means "do it yourself"; a user error is thrown.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { askAgent } from '../../../../src-main/core/agent/ask-agent';
import { tryAgent } from '../../../../src-main/core/agent/client';
import { listenAsAgent, type FakeAgent } from '../../../support/fake-agent-socket';

let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

let fake: FakeAgent | undefined;

/** An agent socket answering every request with `answer(id)`; as an impostor, it cannot prove the agent's key. */
async function agentAnswering(answer: (id: unknown) => unknown, o: { impostor?: boolean } = {}): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'touchrole-ask-'));
  const socketPath = join(dir, 'agent.sock');
  fake = await listenAsAgent(socketPath, answer, o);
  server = fake.server;
  return socketPath;
}

const request = { method: 'credentialProcess' as const, params: { profile: 'admin' } };
const error = (code: string) => (id: unknown) => ({ v: 1, id, ok: false, error: { code, message: `${code} here` } });

describe('askAgent', () => {
  it.each([
    ['declined', error('agent-declined')],
    ['a protocol mismatch', error('agent-protocol')],
    ['busy (unavailable)', error('agent-unavailable')],
    ['an internal failure', error('internal')],
    ['a malformed result', (id: unknown) => ({ v: 1, id, ok: true, result: { Version: 1 } })],
    ['another protocol version', (id: unknown) => ({ v: 2, id, ok: true, result: {} })],
  ])('returns undefined (fall back) when the agent answers %s', async (_, answer) => {
    const socketPath = await agentAnswering(answer);
    await expect(askAgent(request, { socketPath, timeoutMs: 2000 })).resolves.toBeUndefined();
  });

  it.each(['profile-not-found', 'sts-access-denied', 'oath-locked'])('reports the user error %s', async (code) => {
    const socketPath = await agentAnswering(error(code));
    await expect(askAgent(request, { socketPath, timeoutMs: 2000 })).rejects.toMatchObject({ code });
  });

  it('refuses an impostor that cannot prove the key, sends it nothing, and askAgent falls back', async () => {
    const ok = (id: unknown) => ({
      v: 1,
      id,
      ok: true,
      result: { Version: 1, AccessKeyId: 'ASIAIMPOSTOR', SecretAccessKey: 's', SessionToken: 't', Expiration: '2099-01-01T00:00:00Z' },
    });
    const socketPath = await agentAnswering(ok, { impostor: true });
    await expect(tryAgent(request, { socketPath, timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'agent-unauthenticated',
      message: expect.stringContaining('could not prove it holds the agent key') as unknown,
    });
    await expect(askAgent(request, { socketPath, timeoutMs: 2000 })).resolves.toBeUndefined();
    expect(fake?.requests).toEqual([]);
  });

  it('returns undefined when no agent listens', async () => {
    dir = mkdtempSync(join(tmpdir(), 'touchrole-ask-'));
    await expect(askAgent(request, { socketPath: join(dir, 'none.sock'), timeoutMs: 2000 })).resolves.toBeUndefined();
  });
});
