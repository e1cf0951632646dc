// SPDX-License-Identifier: MIT
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'remove'],
  args: '<profile>',
  summary: "Delete a profile's long-term keys from the OS keychain",
  help: ['The key stays valid in IAM: deactivate it there too if you no longer need it.'],
  examples: ['touchrole keys remove old-work'],
  options: {},
  positionals: [1, 1],
  async run({ positionals }, ctx) {
    const profile = positionals[0] ?? '';
    // A cached MFA session made with these keys could still assume MFA roles without a touch: it goes too.
    const { mfaSessionsRemoved } = await serviceFor(ctx).keys.remove(profile);
    const also = mfaSessionsRemoved > 0 ? ' and its cached MFA session' : '';
    return { text: `Removed the keys of profile "${profile}" from the keychain${also}`, json: { profile, removed: true, mfaSessionsRemoved } };
  },
};
