// SPDX-License-Identifier: MIT
import { storedMessage } from '../../../src-shared/source-key-messages';
import { readSecret } from '../../core/prompt';
import { flag, stringOption, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'add'],
  args: '<profile>',
  summary: 'Store a long-term access key pair for a profile in the OS keychain',
  help: [
    'The access key ID comes from --access-key-id or a prompt; the secret is typed without echo or piped on',
    'stdin, never taken from the command line. The pair is read back from the keychain to check it.',
  ],
  examples: ['touchrole keys add work --access-key-id AKIA...', 'pass show aws/work | touchrole keys add work --access-key-id AKIA...'],
  options: { 'access-key-id': { type: 'string' }, replace: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const profile = positionals[0] ?? '';
    const accessKeyId =
      stringOption(values, 'access-key-id') ?? (await readSecret({ stdin: ctx.stdin, output: ctx.stderr, prompt: 'Access key ID: ', what: 'access key ID' }));
    const secretAccessKey = await readSecret({ stdin: ctx.stdin, output: ctx.stderr, prompt: 'Secret access key: ', what: 'secret access key' });
    const stored = await serviceFor(ctx).keys.add(profile, { accessKeyId, secretAccessKey }, { replace: flag(values, 'replace') });
    return { text: storedMessage(profile, stored.accessKeyId), json: stored };
  },
};
