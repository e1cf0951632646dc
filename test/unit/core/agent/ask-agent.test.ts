// SPDX-License-Identifier: MIT
// askAgent: an answer that is not the user's error means "do it yourself"; a user error is thrown.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { askAgent } from '../../../../src-main/core/agent/ask-agent';

let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

/** An agent socket answering every request with `answer(id)`. */
async function agentAnswering(answer: (id: unknown) => unknown): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'touchrole-ask-'));
  const socketPath = join(dir, 'agent.sock');
  server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) socket.write(`${JSON.stringify(answer((JSON.parse(line) as { id: unknown }).id))}\n`);
    });
  });
  await new Promise<void>((r) => server?.listen(socketPath, r));
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

  it('returns undefined when no agent listens', async () => {
    dir = mkdtempSync(join(tmpdir(), 'touchrole-ask-'));
    await expect(askAgent(request, { socketPath: join(dir, 'none.sock'), timeoutMs: 2000 })).resolves.toBeUndefined();
  });
});
