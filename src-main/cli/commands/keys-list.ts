// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'list'],
  args: '',
  summary: 'Profiles whose long-term keys are in the OS keychain (key IDs only, never secrets)',
  help: [],
  examples: ['touchrole keys list --json'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const keys = await serviceFor(ctx).keys.list();
    return {
      text: keys.length
        ? keys.map((k) => `${printable(k.profile).padEnd(24)}  ${k.accessKeyId}  stored ${k.importedAt}`).join('\n')
        : 'No keys in the keychain. Add some with `touchrole keys import <profile>` or `touchrole keys add <profile>`.',
      json: { keys },
    };
  },
};
