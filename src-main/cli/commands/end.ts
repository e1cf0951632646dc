// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { TouchroleError } from '../../../src-shared/errors';
import { tellAgentOrFailure } from '../tell-agent';

export const command: CommandDef = {
  path: ['end'],
  args: '<profile>',
  summary: 'End a session now: remove its profile from the credentials file and its cached copy',
  help: [
    'The temporary credentials stay valid at AWS until they expire; touchrole just stops handing them out',
    '(a running tray app or `touchrole agent` is told, and forgets them too).',
  ],
  examples: ['touchrole end prod-admin'],
  options: {},
  positionals: [1, 1],
  async run({ positionals }, ctx) {
    const profile = positionals[0] ?? '';
    let found = false;
    let failure: unknown;
    try {
      found = await serviceFor(ctx).end(profile);
    } catch (e) {
      failure = e; // the cached copy is already gone: still make the agent forget it, then report
    }
    // A running agent would otherwise keep answering credential_process from its memory.
    const agentFailure = await tellAgentOrFailure(ctx, 'sessions.end', { profile });
    if (failure !== undefined) throw failure;
    if (agentFailure !== undefined) {
      throw new TouchroleError('agent-unavailable', `${printable(profile)} is gone from the credentials file and the cache, but the running agent did not confirm: ${agentFailure.message}`, {
        hint: 'The agent may still serve it from memory until it expires: restart the tray app or `touchrole agent`.',
        cause: agentFailure,
      });
    }
    return { text: found ? `Ended the session of ${printable(profile)}` : `No session of ${printable(profile)} in the credentials file (its cached copy, if any, is gone)`, json: { profile, removed: found } };
  },
};
