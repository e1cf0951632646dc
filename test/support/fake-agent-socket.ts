// SPDX-License-Identifier: MIT
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { encodeServerProof } from '../../src-shared/agent-handshake';
import { agentKeyPath } from '../../src-main/core/agent/agent-key';
import { newAgentKey, writeAgentKey } from '../../src-main/core/agent/agent-key-writer';
import { ServerHandshake } from '../../src-main/core/agent/handshake';

export interface FakeAgent {
  server: Server;
  /** Every line a client sent after its handshake answer: what the fake was asked. */
  requests: string[];
}

/**
 * A stand-in for the agent on `socketPath` (its directory must exist, 0700): writes the key file
 * as the agent does, does the agent's side of the handshake, then answers each request line with
 * `answer(id)` (undefined: no answer, a hung agent). As an `impostor` it cannot prove the key (it has not read it): it sends a made-up
 * proof and would answer whatever a client sent next.
 */
export async function listenAsAgent(socketPath: string, answer: (id: unknown) => unknown, o: { impostor?: boolean } = {}): Promise<FakeAgent> {
  const key = newAgentKey();
  await writeAgentKey(socketPath, agentKeyPath(socketPath), key);
  const requests: string[] = [];
  const server = createServer((socket) => {
    const handshake = new ServerHandshake(key);
    let authenticated = false;
    socket.setEncoding('utf8');
    socket.write(`${handshake.hello()}\n`);
    socket.on('error', () => undefined);
    socket.on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        if (authenticated) {
          requests.push(line);
          const reply = answer((JSON.parse(line) as { id: unknown }).id);
          if (reply !== undefined) socket.write(`${JSON.stringify(reply)}\n`);
          continue;
        }
        const proof = o.impostor ? encodeServerProof(randomBytes(32).toString('hex')) : handshake.answer(line);
        if (proof === undefined) return void socket.destroy();
        authenticated = true;
        socket.write(`${proof}\n`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  return { server, requests };
}
