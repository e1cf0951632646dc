// SPDX-License-Identifier: MIT
// Loaded on the credential_process hot path: node built-ins and the pure protocol only, never the SDK.
import { connect, type Socket } from 'node:net';
import {
  AGENT_MAX_LINE_BYTES,
  AGENT_PROTOCOL_VERSION,
  RESULT_GUARDS,
  parseServerMessage,
  type AgentEvent,
  type AgentMethod,
  type AgentParams,
  type AgentResult,
} from '../../../src-shared/agent-protocol';
import { TouchroleError } from '../../../src-shared/errors';
import { agentKeyPath, readAgentKey } from './agent-key';
import { ClientHandshake } from './handshake';
import { LineReader } from './line-reader';
import { checkSocketDir } from './socket-path';

export interface AgentConnectOptions {
  socketPath: string;
  /** Give up connecting after this long and report "no agent" (default 500 ms). */
  connectTimeoutMs?: number;
  /** The agent's key (default: agentKeyPath(socketPath)). */
  keyPath?: string;
  /** Give up when the agent has not proved its key within this long once connected (default 2 s). */
  handshakeTimeoutMs?: number;
}

interface Pending {
  method: AgentMethod;
  resolve: (result: unknown) => void;
  reject: (e: TouchroleError) => void;
  timer: NodeJS.Timeout;
}

/** One connection to the agent: calls matched to answers by id, plus events after `subscribe`. */
export class AgentConnection {
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: AgentEvent) => void>();
  private readonly reader = new LineReader(16 * AGENT_MAX_LINE_BYTES);
  private nextId = 1;
  private closedError: TouchroleError | undefined;
  /** Until the agent has proved it holds the key: no request is sent and nothing it says is trusted. */
  private handshake: ClientHandshake | undefined;
  private helloAnswered = false;
  private settleHandshake: ((error?: TouchroleError) => void) | undefined;

  private constructor(
    private readonly socket: Socket,
    key: Buffer,
    private readonly socketPath: string,
  ) {
    this.handshake = new ClientHandshake(key);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined); // reported through 'close'
    socket.on('close', () => this.fail(new TouchroleError('agent-unavailable', 'The touchrole agent closed the connection')));
  }

  /**
   * Connects and authenticates, or resolves `undefined` when no agent is listening (no directory,
   * no socket, connection refused, or no answer within the connect timeout). Throws
   * `agent-socket-insecure` if the socket's directory is not private to this user, and
   * `agent-unauthenticated` if what listens cannot prove it holds the agent's key (or the key
   * cannot be read): nothing is sent to it.
   */
  static async open(options: AgentConnectOptions): Promise<AgentConnection | undefined> {
    try {
      await checkSocketDir(options.socketPath);
    } catch (e) {
      if (e instanceof TouchroleError && e.code === 'agent-unavailable') return undefined;
      throw e;
    }
    // Read the key while connecting: a connection is only used once the agent has proved it.
    const keyRead = readAgentKey(options.keyPath ?? agentKeyPath(options.socketPath)).then(
      (key) => ({ key }),
      (error: unknown) => ({ error }),
    );
    const socket = connect(options.socketPath);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.connectTimeoutMs ?? 500);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!connected) {
      socket.destroy();
      return undefined;
    }
    try {
      const read = await keyRead;
      if ('error' in read) throw read.error;
      const connection = new AgentConnection(socket, read.key, options.socketPath);
      await connection.authenticated(options.handshakeTimeoutMs ?? 2000);
      return connection;
    } catch (e) {
      socket.destroy();
      throw e;
    }
  }

  /** Resolves once the agent has proved its key; rejects (and the connection is unusable) otherwise. */
  private authenticated(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settleHandshake?.(new TouchroleError('agent-unavailable', `The touchrole agent did not complete the handshake within ${timeoutMs} ms`));
      }, timeoutMs);
      this.settleHandshake = (error) => {
        clearTimeout(timer);
        this.settleHandshake = undefined;
        if (error === undefined) return resolve();
        this.closedError ??= error;
        reject(error);
      };
      if (this.closedError) this.settleHandshake(this.closedError);
    });
  }

  /** One line of the handshake: the agent's hello, then its proof. */
  private onHandshakeLine(handshake: ClientHandshake, text: string): void {
    if (!this.helloAnswered) {
      const answer = handshake.answer(text);
      if (answer === undefined) return this.settleHandshake?.(this.impostor('did not greet as a touchrole agent does'));
      this.helloAnswered = true;
      this.socket.write(`${answer}\n`);
      return;
    }
    if (handshake.verify(text)) {
      this.handshake = undefined;
      return this.settleHandshake?.();
    }
    // The agent refusing our proof is its own answer (our key is not its key); anything else is not an agent's.
    const msg = parseServerMessage(text);
    if (msg.kind === 'response' && !msg.response.ok && msg.response.error.code === 'agent-unauthenticated') {
      return this.settleHandshake?.(TouchroleError.fromWire(msg.response.error));
    }
    this.settleHandshake?.(this.impostor('could not prove it holds the agent key'));
  }

  private impostor(what: string): TouchroleError {
    return new TouchroleError('agent-unauthenticated', `The process listening on ${this.socketPath} ${what}; touchrole did not use it`, {
      hint: 'Something other than your touchrole agent may be listening there: stop it, then restart the tray app or `touchrole agent`.',
    });
  }

  call<M extends AgentMethod>(method: M, params: AgentParams<M>, timeoutMs: number): Promise<AgentResult<M>> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.handshake !== undefined) return Promise.reject(this.impostor('has not proved it holds the agent key'));
    const id = this.nextId++;
    return new Promise<AgentResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TouchroleError('agent-unavailable', `The touchrole agent did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      const check = (result: unknown): void => {
        const guard = RESULT_GUARDS[method] as (r: unknown) => r is AgentResult<M>;
        if (guard(result)) resolve(result);
        else reject(new TouchroleError('agent-protocol', `The touchrole agent sent a malformed ${method} result`));
      };
      this.pending.set(id, { method, resolve: check, reject, timer });
      this.socket.write(`${JSON.stringify({ v: AGENT_PROTOCOL_VERSION, id, method, params })}\n`);
    });
  }

  /** Events arrive after a successful `call('subscribe', {}, …)`; returns an unsubscribe function. */
  onEvent(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    for (const item of this.reader.push(chunk)) {
      if (this.handshake !== undefined) {
        if (item.kind === 'oversized') return this.settleHandshake?.(this.impostor('sent an oversized greeting'));
        this.onHandshakeLine(this.handshake, item.text);
        if (this.closedError) return;
        continue;
      }
      if (item.kind === 'oversized') return this.protocolFailure('The touchrole agent sent an oversized message');
      if (item.text === '') continue;
      const msg = parseServerMessage(item.text);
      if (msg.kind === 'invalid') return this.protocolFailure(`Cannot understand the touchrole agent: ${msg.reason}`);
      if (msg.kind === 'event') {
        for (const listener of this.listeners) listener(msg.event);
        continue;
      }
      const { response } = msg;
      // The agent only answers without an id to input it could not read, which we never send.
      if (response.id === null) {
        return this.protocolFailure(response.ok ? 'The touchrole agent sent an unmatched answer' : response.error.message);
      }
      const pending = typeof response.id === 'number' ? this.pending.get(response.id) : undefined;
      if (pending === undefined) continue; // answer to a call that already timed out
      this.pending.delete(response.id as number);
      clearTimeout(pending.timer);
      if (response.ok) pending.resolve(response.result);
      else pending.reject(TouchroleError.fromWire(response.error));
    }
  }

  private protocolFailure(message: string): void {
    this.fail(new TouchroleError('agent-protocol', message, { hint: 'Restart the touchrole agent; make sure it is the same version as this command.' }));
    this.socket.destroy();
  }

  private fail(error: TouchroleError): void {
    this.closedError ??= error;
    this.settleHandshake?.(this.closedError);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(this.closedError);
      this.pending.delete(id);
    }
  }
}

export interface TryAgentOptions {
  socketPath: string;
  /** How long to wait for the answer once connected (cover a touch prompt for elevating calls). */
  timeoutMs: number;
  connectTimeoutMs?: number;
  /** The agent key (default: beside the socket); tests point it elsewhere. */
  keyPath?: string;
}

/**
 * One request to the agent, or `undefined` at once when no agent is listening, so a command can
 * fall back to working alone. Errors from the agent are rethrown as TouchroleError.
 */
export async function tryAgent<M extends AgentMethod>(
  request: { method: M; params: AgentParams<M> },
  options: TryAgentOptions,
): Promise<AgentResult<M> | undefined> {
  const connection = await AgentConnection.open(options);
  if (connection === undefined) return undefined;
  try {
    return await connection.call(request.method, request.params, options.timeoutMs);
  } finally {
    connection.close();
  }
}
