// SPDX-License-Identifier: MIT
import type { AgentEvent } from '../../../src-shared/agent-protocol';
import type { SessionView } from '../../../src-shared/models';
import type { Clock } from '../../../src-shared/time/clock';
import type { AgentBackend } from './backend';
import { RequestHandler } from './request-handler';
import { AgentServer } from './server';
import { SessionKeeper, systemTimers, type Timers } from './session-keeper';
import { agentSocketPath } from './socket-path';

export interface RunAgentOptions {
  backend: AgentBackend;
  clock: Clock;
  /** Default: agentSocketPath({ env }). */
  socketPath?: string;
  env?: NodeJS.ProcessEnv;
  timers?: Timers;
  /** Warn this long before expiry (default 10 and 2 minutes). */
  warningThresholdsMs?: readonly number[];
  /** Serve cached credential_process answers while more than this remains (default 5 min). */
  credentialRefreshWindowMs?: number;
  maxLineBytes?: number;
  /** Operational log lines (never secrets); default: none. */
  log?: (line: string) => void;
}

/** A running agent; the Electron app embeds one and listens to its events directly. */
export interface RunningAgent {
  readonly socketPath: string;
  sessions(): SessionView[];
  /** Every event the agent sends to subscribers; returns an unsubscribe function. */
  onEvent(listener: (event: AgentEvent) => void): () => void;
  /** End a session as a client's sessions.end would (the embedding app's menu). */
  end(profile: string): Promise<void>;
  /** Log out as a client's sessions.logout would; returns the profiles ended. */
  logout(): Promise<string[]>;
  /** Re-read sessions and recompute the timeline now (call after sleep/resume). */
  refresh(): Promise<void>;
  /** Tick every second while a window shows a countdown. */
  setCountdownShown(shown: boolean): void;
  close(): Promise<void>;
}

/**
 * Starts the agent: socket server, in-memory sessions and their timeline. `touchrole agent`
 * calls this and waits for a signal; the tray app calls it at start-up.
 */
export async function runAgent(options: RunAgentOptions): Promise<RunningAgent> {
  const { backend, clock } = options;
  const listeners = new Set<(event: AgentEvent) => void>();
  // The server starts after the keeper and handler it serves: earlier events reach in-process listeners only.
  const started: { server?: AgentServer } = {};
  const emit = (event: AgentEvent): void => {
    started.server?.broadcast(event);
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (e) {
        options.log?.(`event listener failed: ${e instanceof Error ? e.name : typeof e}`);
      }
    }
  };
  const keeper = new SessionKeeper({
    backend,
    clock,
    timers: options.timers ?? systemTimers,
    emit,
    ...(options.warningThresholdsMs ? { thresholdsMs: options.warningThresholdsMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const handler = new RequestHandler({
    backend,
    keeper,
    clock,
    ...(options.credentialRefreshWindowMs !== undefined ? { credentialRefreshWindowMs: options.credentialRefreshWindowMs } : {}),
  });
  const socketPath = options.socketPath ?? agentSocketPath({ env: options.env ?? process.env });
  const server = await AgentServer.start({
    socketPath,
    handler,
    ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  started.server = server;
  const stopTouch = backend.onTouch((data) => emit({ v: 1, event: 'touch', data }));
  const stopYubikey = backend.onYubikey?.((state) => emit({ v: 1, event: 'yubikey', data: { state } }));
  const refresh = async (): Promise<void> => {
    await handler.syncSessions().catch((e: unknown) => options.log?.(`reading sessions: ${e instanceof Error ? e.message : typeof e}`));
    await keeper.tick();
  };
  await refresh();
  return {
    socketPath,
    sessions: () => keeper.list(),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    end: (profile) => handler.end(profile),
    logout: () => handler.logout(),
    refresh,
    setCountdownShown: (shown) => keeper.setCountdownShown(shown),
    close: async () => {
      stopTouch();
      stopYubikey?.();
      keeper.stop();
      await server.close();
      await backend.close?.();
    },
  };
}
