// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { endThenTellAgent } from '../tell-agent';

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
    // A running agent would otherwise keep answering credential_process from its memory.
    const done = `${printable(profile)} is gone from the credentials file and the cache`;
    const found = await endThenTellAgent(ctx, () => serviceFor(ctx).records.end(profile), 'sessions.end', { profile }, done);
    return {
      text: found
        ? `Ended the session of ${printable(profile)}`
        : `No session of ${printable(profile)} in the credentials file (its cached copy, if any, is gone)`,
      json: { profile, removed: found },
    };
  },
};
