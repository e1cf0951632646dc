// SPDX-License-Identifier: MIT
/** The agent: a local socket server holding elevated sessions, and the cheap client the CLI uses. */
export type { AgentBackend, AppBackend, AppBackendEventName, AppBackendEvents, SessionBackend } from './backend';
export { runAgent, type RunAgentOptions, type RunningAgent } from './run-agent';
export { tryAgent, AgentConnection, type TryAgentOptions, type AgentConnectOptions } from './client';
export { askAgent } from './ask-agent';
export type { FingerprintedCredentials } from './credential-cache';
export { agentSocketPath, type SocketPathEnv } from './socket-path';
export { systemTimers, type Timers } from './session-keeper';
