// SPDX-License-Identifier: MIT
import type { CommandDef } from '../command';
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
    return { text: `Removed the keys of profile "${profile}" from the keychain`, json: { profile, removed: true } };
  },
};
