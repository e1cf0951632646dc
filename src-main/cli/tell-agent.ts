// SPDX-License-Identifier: MIT
import type { AgentMethod, AgentParams } from '../../src-shared/agent-protocol';
import { agentSocketPath, tryAgent } from '../core/hot-path';
import type { CliContext } from './command';

/** Long enough for the agent to re-read the credentials file; short enough not to hold up a command. */
const TELL_TIMEOUT_MS = 5_000;

/**
 * Tells a running agent (the tray, or `touchrole agent`) about a change this command made on
 * disk, so the tray shows it now and the agent stops serving an ended session. Best effort: with
 * no agent this costs one refused connect, and a failure changes nothing the command did.
 */
export async function tellAgent<M extends AgentMethod>(ctx: CliContext, method: M, params: AgentParams<M>): Promise<void> {
  try {
    await tryAgent({ method, params }, { socketPath: agentSocketPath({ env: ctx.env }), timeoutMs: TELL_TIMEOUT_MS });
  } catch {
    // The change is on disk; the agent reads it at its next refresh (start, resume, status).
  }
}

/**
 * Like tellAgent, but for changes a running agent must not miss (ending a session): no agent is
 * fine, an agent that runs and fails (an error, no answer in time) is returned for the command to report.
 */
export async function tellAgentOrFailure<M extends AgentMethod>(ctx: CliContext, method: M, params: AgentParams<M>): Promise<Error | undefined> {
  try {
    await tryAgent({ method, params }, { socketPath: agentSocketPath({ env: ctx.env }), timeoutMs: TELL_TIMEOUT_MS });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
