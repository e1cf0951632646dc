// SPDX-License-Identifier: MIT
// `touchrole exec <profile> -- <command>` when the session is cached: the child starts without the CLI, the SDK or the agent client.
import { checkNotNested, childEnv } from '../delivery/child-env';
import { MIN_REMAINING_MS } from '../delivery/session-source';
import { cachedRoleSession } from './cached-role-session';

/**
 * A function that runs the command with the cached session (resolving to the exit code, or
 * rejecting as delivery's runChild does when it cannot start), or undefined when no cached
 * session fits: the caller then runs the full `exec`. A nested exec is left to the full command,
 * which explains the refusal.
 */
export async function execFromCache(
  env: NodeJS.ProcessEnv,
  profile: string,
  command: string,
  args: readonly string[],
): Promise<(() => Promise<number>) | undefined> {
  try {
    checkNotNested(env, false);
  } catch {
    return undefined;
  }
  const hit = await cachedRoleSession(env, profile, Date.now(), MIN_REMAINING_MS);
  if (hit === undefined) return undefined;
  const { session, region } = hit;
  const childEnvironment = childEnv(env, { profile, ...(region === undefined ? {} : { region }), delivery: { kind: 'env', credentials: session } });
  // Loaded here, not with the hot path: node:tty and node:child_process would cost credential_process milliseconds.
  const [{ isatty }, { runChild }] = await Promise.all([import('node:tty'), import('../delivery/run-child')]);
  return () => runChild(command, args, { env: childEnvironment, terminal: isatty(0) });
}
