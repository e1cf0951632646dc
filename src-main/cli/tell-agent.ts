// SPDX-License-Identifier: MIT
import type { AgentMethod, AgentParams } from '../../src-shared/agent-protocol';
import { TouchroleError } from '../../src-shared/errors';
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

/**
 * Ending sessions (end, logout): `local` removes touchrole's copies (the cache first), then a
 * running agent is told whatever happened, so it forgets them too. The local failure is reported
 * first; else an agent that did not confirm, since it could still serve the sessions from memory.
 * `done` says what was removed, for that message.
 */
export async function endThenTellAgent<T, M extends AgentMethod>(
  ctx: CliContext,
  local: () => Promise<T>,
  method: M,
  params: AgentParams<M>,
  done: string,
): Promise<T> {
  const outcome = await local().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const agentFailure = await tellAgentOrFailure(ctx, method, params);
  if (!outcome.ok) throw outcome.error;
  if (agentFailure !== undefined) {
    throw new TouchroleError('agent-unavailable', `${done}, but the running agent did not confirm: ${agentFailure.message}`, {
      hint: 'The agent may still serve from memory until the sessions expire: restart the tray app or `touchrole agent`.',
      cause: agentFailure,
    });
  }
  return outcome.value;
}
