// SPDX-License-Identifier: MIT
import type { CommandDef } from '../command';
import { dropMfaSessionsOf } from '../../core/sessions';
import { serviceFor } from '../service-for';
import { keysCommandsFor } from './keys-store';

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
    await keysCommandsFor(ctx).remove(profile);
    // A cached MFA session made with these keys could still assume MFA roles without a touch.
    const dropped = await dropMfaSessionsOf(serviceFor(ctx).paths.cache, profile);
    const also = dropped.length > 0 ? ' and its cached MFA session' : '';
    return { text: `Removed the keys of profile "${profile}" from the keychain${also}`, json: { profile, removed: true, mfaSessionsRemoved: dropped.length } };
  },
};
