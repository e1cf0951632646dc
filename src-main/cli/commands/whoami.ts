// SPDX-License-Identifier: MIT
import { whoamiLines } from '../../../src-shared/tool-messages';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['whoami'],
  args: '<profile>',
  summary: "STS GetCallerIdentity with the profile's session (elevating when none is cached)",
  help: [],
  examples: ['touchrole whoami prod-admin'],
  options: {},
  positionals: [1, 1],
  async run({ positionals }, ctx) {
    const id = await serviceFor(ctx).sessions.whoami(positionals[0] ?? '');
    return { text: whoamiLines(id).join('\n'), json: id };
  },
};
