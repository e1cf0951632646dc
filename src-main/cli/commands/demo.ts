// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { flag, type CommandDef } from '../command';

export const command: CommandDef = {
  path: ['demo'],
  args: '',
  summary: 'The whole flow with no YubiKey and no AWS account (virtual key, local STS, temporary HOME)',
  help: [
    'Runs elevate against a virtual YubiKey and a local STS (moto_server when installed, else the built-in',
    'emulator, or always with --builtin), then lets the AWS CLI v2 use the written profile when it is installed.',
    'Your own ~/.aws and keychain are never read or written. --keep keeps the temporary HOME to look at.',
  ],
  examples: ['touchrole demo', 'touchrole demo --builtin --keep'],
  options: { builtin: { type: 'boolean' }, keep: { type: 'boolean' } },
  positionals: [0, 0],
  async run({ values }, ctx) {
    // With --json the narrative stays off stdout, so the JSON parses.
    const say = (line: string): void => {
      (values['json'] === true ? ctx.stderr : ctx.stdout).write(`${line}\n`);
    };
    // The emulators are tooling outside the product: loaded only when the demo runs (docs/architecture.md).
    const { runDemo } = await import('../../../src-emulators').catch((e: NodeJS.ErrnoException) => {
      // The desktop app's copy of the command leaves the emulators out (scripts/build-app-cli.mjs).
      if (e.code !== 'MODULE_NOT_FOUND' && e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
      throw new TouchroleError('command-not-found', 'touchrole demo is not part of the desktop app (its virtual YubiKey and STS are test tools)', {
        hint: 'Install the npm package (README, Install) or run `npm run demo` in a clone to try it.',
      });
    });
    const report = await runDemo({ env: ctx.env, clock: ctx.clock, say, builtIn: flag(values, 'builtin'), keep: flag(values, 'keep') });
    return { text: '', json: report };
  },
};
