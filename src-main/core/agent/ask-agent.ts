// SPDX-License-Identifier: MIT
// On the credential_process hot path (via core/hot-path): node built-ins and the pure protocol only.
import type { AgentMethod, AgentParams, AgentResult } from '../../../src-shared/agent-protocol';
import { isTouchroleError, type ErrorCode } from '../../../src-shared/errors';
import { tryAgent, type TryAgentOptions } from './client';

/**
 * Agent answers that are not about the user's request: the agent declined (another environment),
 * is busy or gone, speaks another protocol, sent something malformed, or failed inside; or what
 * listens on the socket could not prove it is the user's agent (nothing was sent to it). The
 * caller then does the work itself; anything else (profile-not-found, sts-access-denied...) is
 * the user's and is reported as it is.
 */
const NOT_THE_USERS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'agent-declined',
  'agent-unavailable',
  'agent-protocol',
  'agent-unauthenticated',
  'internal',
]);

/** tryAgent, but `undefined` (do it yourself) for every answer that is not the user's error. */
export async function askAgent<M extends AgentMethod>(
  request: { method: M; params: AgentParams<M> },
  options: TryAgentOptions,
): Promise<AgentResult<M> | undefined> {
  try {
    return await tryAgent(request, options);
  } catch (e) {
    if (isTouchroleError(e) && NOT_THE_USERS.has(e.code)) return undefined;
    throw e;
  }
}
