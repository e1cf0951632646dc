// SPDX-License-Identifier: MIT
import { REMOVE_KEEPS_IAM_KEY, removedMessage } from '../../../src-shared/source-key-messages';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'remove'],
  args: '<profile>',
  summary: "Delete a profile's long-term keys from the OS keychain",
  help: [REMOVE_KEEPS_IAM_KEY],
  examples: ['touchrole keys remove old-work'],
  options: {},
  positionals: [1, 1],
  async run({ positionals }, ctx) {
    const profile = positionals[0] ?? '';
    // A cached MFA session made with these keys could still assume MFA roles without a touch: it goes too.
    const { mfaSessionsRemoved } = await serviceFor(ctx).keys.remove(profile);
    return { text: removedMessage(profile, mfaSessionsRemoved), json: { profile, removed: true, mfaSessionsRemoved } };
  },
};
