// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { tellAgentOrFailure } from '../tell-agent';

export const command: CommandDef = {
  path: ['logout'],
  args: '',
  summary: 'End every session and drop the MFA session: the next use needs a touch again',
  help: [
    'Removes every section touchrole wrote to the credentials file and every cached session, including the',
    'MFA session (GetSessionToken), which could otherwise assume every MFA-protected role without a touch.',
    'A running tray app or `touchrole agent` is told and forgets them too. The temporary credentials stay',
    'valid at AWS until they expire; touchrole just stops handing them out.',
  ],
  examples: ['touchrole logout', 'touchrole logout --json'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    let outcome: { ended: string[]; cacheEntriesRemoved: string[] } | undefined;
    let failure: unknown;
    try {
      outcome = await serviceFor(ctx).logout();
    } catch (e) {
      failure = e; // the cache is already empty: still make the agent forget, then report
    }
    const agentFailure = await tellAgentOrFailure(ctx, 'sessions.logout', {});
    if (failure !== undefined) throw failure;
    if (agentFailure !== undefined) {
      throw new TouchroleError('agent-unavailable', `Logged out of the credentials file and the cache, but the running agent did not confirm: ${agentFailure.message}`, {
        hint: 'The agent may still serve sessions from memory until they expire: restart the tray app or `touchrole agent`.',
        cause: agentFailure,
      });
    }
    const ended = outcome?.ended ?? [];
    const cacheEntriesRemoved = outcome?.cacheEntriesRemoved ?? [];
    const text = ended.length > 0 ? `Logged out: ended ${ended.map(printable).join(', ')}; the MFA session is gone too` : 'Logged out: no sessions were active; no MFA session is kept';
    return { text, json: { ended, cacheEntriesRemoved } };
  },
};
