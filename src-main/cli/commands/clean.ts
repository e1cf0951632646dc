// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import { awsFilePaths, updateCredentialsFile } from '../../core/aws-config';
import type { CommandDef } from '../command';

export const command: CommandDef = {
  path: ['clean'],
  args: '',
  summary: 'Remove expired touchrole sessions from the credentials file',
  help: ['Only sections touchrole wrote (marked "# managed by touchrole") are ever removed; every other byte stays.'],
  examples: ['touchrole clean'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const path = awsFilePaths(ctx.env).credentialsFile;
    const { removedExpired } = await updateCredentialsFile(path, (text) => text, { clock: ctx.clock });
    return {
      text: removedExpired.length ? `Removed ${removedExpired.length} expired session(s) from ${path}: ${removedExpired.map(printable).join(', ')}` : `No expired sessions in ${path}`,
      json: { path, removed: removedExpired },
    };
  },
};
