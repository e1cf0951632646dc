// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { formatDecodedMessage } from '../../../src-shared/tool-messages';
import { stringOption, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['decode'],
  args: '<encoded-message>',
  summary: 'Decode an "Encoded authorization failure message" (STS DecodeAuthorizationMessage)',
  help: [
    'Signs with the profile\'s session (--profile, default AWS_PROFILE or "default"): its cached role',
    'session, or a new one (touch). The caller needs sts:DecodeAuthorizationMessage. Prints the JSON.',
  ],
  examples: ['touchrole decode 4Hf8...Qw --profile prod-admin', 'touchrole decode "$MSG" --json | jq .context'],
  options: { profile: { type: 'string' } },
  positionals: [1, 1],
  dashedPositional: true, // an encoded message may start with '-'
  async run({ positionals, values }, ctx) {
    const message = (positionals[0] ?? '').trim();
    if (message === '') throw new TouchroleError('usage', 'The encoded message is empty');
    const profile = stringOption(values, 'profile') ?? (ctx.env['AWS_PROFILE'] || 'default');
    const text = await serviceFor(ctx).sessions.decodeAuthorizationMessage(profile, message);
    const { text: shown, decoded } = formatDecodedMessage(text);
    return { text: shown, json: { profile, decoded } };
  },
};
