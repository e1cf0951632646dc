// SPDX-License-Identifier: MIT
import { importedMessage } from '../../../src-shared/source-key-messages';
import { flag, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'import'],
  args: '<profile>',
  summary: "Move a profile's keys out of the plaintext credentials file into the OS keychain",
  help: [
    'Stores the keys, reads them back and compares, and only then removes aws_access_key_id,',
    'aws_secret_access_key (and any aws_session_token) from that section; every other byte of the file stays.',
  ],
  examples: ['touchrole keys import default'],
  options: { replace: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const result = await serviceFor(ctx).keys.import(positionals[0] ?? '', { replace: flag(values, 'replace') });
    return { text: importedMessage(result), json: result };
  },
};
