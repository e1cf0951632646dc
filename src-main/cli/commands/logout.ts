// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { endThenTellAgent } from '../tell-agent';

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
    const done = 'Logged out of the credentials file and the cache';
    const { ended, cacheEntriesRemoved } = await endThenTellAgent(ctx, () => serviceFor(ctx).records.logout(), 'sessions.logout', {}, done);
    const text =
      ended.length > 0
        ? `Logged out: ended ${ended.map(printable).join(', ')}; the MFA session is gone too`
        : 'Logged out: no sessions were active; no MFA session is kept';
    return { text, json: { ended, cacheEntriesRemoved } };
  },
};
