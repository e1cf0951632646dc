// SPDX-License-Identifier: MIT
import { chmod, lstat, unlink } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { AGENT_MAX_LINE_BYTES, parseRequest, type AgentEvent, type AgentResponse, type RequestId } from '../../../src-shared/agent-protocol';
import { TouchroleError, type WireError } from '../../../src-shared/errors';
import { agentKeyPath } from './agent-key';
import { newAgentKey, removeAgentKey, writeAgentKey } from './agent-key-writer';
import { ServerHandshake } from './handshake';
import { LineReader, type LineItem } from './line-reader';
import type { RequestHandler } from './request-handler';
import { isNamedPipe, prepareSocketDir } from './socket-path';

export interface AgentServerOptions {
  socketPath: string;
  handler: Pick<RequestHandler, 'handle' | 'syncSessions'>;
  maxLineBytes?: number;
  log?: (line: string) => void;
  /** Where to write the key clients must prove they can read (default: agentKeyPath(socketPath)). */
  keyPath?: string;
  /** Drop a connection that has not authenticated within this long (default 10 s). */
  handshakeTimeoutMs?: number;
}

interface Connection {
  socket: Socket;
  subscribed: boolean;
  /** Until the client has proved it holds the key: nothing else it sends is handled. */
  handshake: ServerHandshake | undefined;
  refused: boolean;
}

// A client that stops reading (a stuck subscriber) is dropped rather than buffered forever.
const MAX_PENDING_WRITE_BYTES = 1024 * 1024;

/** The agent's socket: one request per line, answers tagged with the request id, events to subscribers. */
export class AgentServer {
  private readonly connections = new Set<Connection>();

  private constructor(
    private readonly server: Server,
    private readonly options: AgentServerOptions,
    private readonly key: Buffer,
    private readonly keyPath: string,
  ) {}

  get socketPath(): string {
    return this.options.socketPath;
  }

  /**
   * Checks the directory, clears a stale socket (refusing if an agent answers), listens, then
   * writes the key clients authenticate with (after listening, so a second agent that fails to
   * listen never replaces the first one's key).
   */
  static async start(options: AgentServerOptions): Promise<AgentServer> {
    await prepareSocketDir(options.socketPath);
    await clearStaleSocket(options.socketPath);
    const server = createServer();
    const key = newAgentKey();
    const keyPath = options.keyPath ?? agentKeyPath(options.socketPath);
    const agent = new AgentServer(server, options, key, keyPath);
    server.on('connection', (socket) => agent.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? alreadyRunning(options.socketPath) : e));
      server.listen(options.socketPath, () => resolve());
    });
    server.on('error', (e) => options.log?.(`agent socket error: ${e.message}`));
    // The 0700 directory is the real guard; this keeps the socket private if it is ever moved.
    try {
      if (!isNamedPipe(options.socketPath)) await chmod(options.socketPath, 0o600);
      await writeAgentKey(options.socketPath, keyPath, key);
    } catch (e) {
      await agent.close();
      throw e;
    }
    return agent;
  }

  broadcast(event: AgentEvent): void {
    for (const conn of this.connections) if (conn.subscribed) this.send(conn, event);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of this.connections) conn.socket.destroy();
    await closed;
    await removeAgentKey(this.keyPath, this.key);
    if (!isNamedPipe(this.options.socketPath)) await unlink(this.options.socketPath).catch(() => undefined);
  }

  private accept(socket: Socket): void {
    const handshake = new ServerHandshake(this.key);
    const conn: Connection = { socket, subscribed: false, handshake, refused: false };
    const reader = new LineReader(this.options.maxLineBytes ?? AGENT_MAX_LINE_BYTES);
    this.connections.add(conn);
    const timer = setTimeout(() => socket.destroy(), this.options.handshakeTimeoutMs ?? 10_000);
    socket.on('data', (chunk: Buffer) => {
      for (const item of reader.push(chunk)) {
        if (conn.refused) return;
        if (conn.handshake === undefined) this.onLine(conn, item);
        else if (this.authenticate(conn, item)) clearTimeout(timer);
      }
    });
    // A client that leaves mid-request shows up as EPIPE/ECONNRESET here; its work still finishes.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      this.connections.delete(conn);
    });
    socket.write(`${handshake.hello()}\n`);
  }

  /** The connection's first line must prove the key; anything else closes it unanswered but for one refusal. */
  private authenticate(conn: Connection, item: LineItem): boolean {
    const proof = item.kind === 'line' ? conn.handshake?.answer(item.text) : undefined;
    if (proof !== undefined) {
      conn.handshake = undefined;
      conn.socket.write(`${proof}\n`);
      return true;
    }
    conn.refused = true;
    this.options.log?.('refused a connection that did not prove it can read the agent key');
    this.reply(conn, null, {
      code: 'agent-unauthenticated',
      message: 'The touchrole agent refused this connection: it did not prove it can read the agent key',
      hint: 'Run the command as the user who started the agent, with the same touchrole version.',
    });
    conn.socket.end();
    return false;
  }

  private onLine(conn: Connection, item: LineItem): void {
    if (item.kind === 'oversized') {
      const max = this.options.maxLineBytes ?? AGENT_MAX_LINE_BYTES;
      this.reply(conn, null, { code: 'agent-protocol', message: `request line longer than ${max} bytes was ignored` });
      return;
    }
    if (item.text.trim() === '') return;
    const parsed = parseRequest(item.text);
    if (!parsed.ok) {
      this.reply(conn, parsed.id, parsed.error);
      return;
    }
    const request = parsed.request;
    if (request.method === 'subscribe') {
      conn.subscribed = true;
      this.send(conn, { v: 1, id: request.id, ok: true, result: { subscribed: true } });
      // A new subscriber starts from the current state, then follows changes.
      this.options.handler.syncSessions().then(
        (sessions) => this.send(conn, { v: 1, event: 'sessions', data: { sessions } }),
        (e: unknown) => this.options.log?.(`sessions for a new subscriber: ${describe(e)}`),
      );
      return;
    }
    this.options.handler.handle(request).then(
      (result) => this.send(conn, { v: 1, id: request.id, ok: true, result }),
      (e: unknown) => this.reply(conn, request.id, this.toWire(request.method, e)),
    );
  }

  private reply(conn: Connection, id: RequestId | null, error: WireError): void {
    const response: AgentResponse = { v: 1, id, ok: false, error };
    this.send(conn, response);
  }

  private send(conn: Connection, message: AgentResponse | AgentEvent): void {
    const { socket } = conn;
    if (socket.destroyed || !socket.writable) return;
    if (socket.writableLength > MAX_PENDING_WRITE_BYTES) {
      socket.destroy();
      return;
    }
    socket.write(`${JSON.stringify(message)}\n`);
  }

  private toWire(method: string, e: unknown): WireError {
    if (e instanceof TouchroleError) return e.toWire();
    // Foreign errors can quote request data or secrets: log the type only, send a generic line.
    this.options.log?.(`${method} failed: ${describe(e)}`);
    return { code: 'internal', message: `The agent failed to handle ${method}`, hint: 'See the agent log; please report it if it repeats.' };
  }
}

async function clearStaleSocket(socketPath: string): Promise<void> {
  if (isNamedPipe(socketPath)) return; // pipes vanish with their server
  const st = await lstat(socketPath).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (st === undefined) return;
  if (!st.isSocket()) {
    throw new TouchroleError('agent-unavailable', `${socketPath} exists and is not a socket`, { hint: 'Move that file away, then start the agent again.' });
  }
  if (await answers(socketPath)) throw alreadyRunning(socketPath);
  await unlink(socketPath);
}

/** True if something accepts connections on the socket (or might: a timeout counts as yes). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => done(true), 1000);
    function done(result: boolean): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function alreadyRunning(socketPath: string): TouchroleError {
  return new TouchroleError('agent-already-running', `Another touchrole agent is already listening on ${socketPath}`, {
    hint: 'Use that agent, or stop it before starting a new one.',
  });
}

function describe(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}
