// SPDX-License-Identifier: MIT
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentKeyPath, readAgentKey } from '../../../src-main/core/agent/agent-key';
import { ClientHandshake } from '../../../src-main/core/agent/handshake';

/** A bare socket client that writes raw bytes and reads parsed lines, to poke the agent with bad input. */
export class RawClient {
  private buffer = '';
  private readonly lines: unknown[] = [];
  private waiters: Array<(line: unknown) => void> = [];

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.buffer += text;
      let nl;
      while ((nl = this.buffer.indexOf('\n')) !== -1) {
        const line: unknown = JSON.parse(this.buffer.slice(0, nl));
        this.buffer = this.buffer.slice(nl + 1);
        const waiter = this.waiters.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      }
    });
  }

  /** Connected and authenticated with the agent's key, as the real client is; then raw. */
  static async open(socketPath: string): Promise<RawClient> {
    const client = await RawClient.connect(socketPath);
    const handshake = new ClientHandshake(await readAgentKey(agentKeyPath(socketPath)));
    client.write(`${handshake.answer(JSON.stringify(await client.next()))}\n`);
    if (!handshake.verify(JSON.stringify(await client.next()))) throw new Error('the agent did not prove its key');
    return client;
  }

  /** Connected only: the agent's hello is the first line to read. */
  static connect(socketPath: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(socketPath, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** The next line from the agent, or a failure after `ms`. */
  next(ms = 5000): Promise<unknown> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no line from the agent in time')), ms);
      this.waiters.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A fresh private (0700) directory for one test's socket; remove it with `cleanup`. */
export async function privateDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'touchrole-agent-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
