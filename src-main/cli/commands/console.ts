// SPDX-License-Identifier: MIT
import { openUrl } from '../../core/service';
import { flag, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['console'],
  args: '<profile>',
  summary: "Open the AWS console signed in with the profile's role session",
  help: [
    'Uses the cached role session (or elevates, with a touch), asks the AWS federation endpoint for a',
    'sign-in token and opens the console in the browser. --print prints the sign-in URL instead: it signs',
    'anyone in for 15 minutes, so do not paste it anywhere. Needs a role profile (AssumeRole session).',
  ],
  examples: ['touchrole console prod-admin', 'touchrole console prod-admin --print'],
  options: { print: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const profile = positionals[0] ?? '';
    const url = await serviceFor(ctx).sessions.consoleUrl(profile);
    if (flag(values, 'print')) return { text: url, json: { profile, url } };
    await openUrl(url);
    return { text: `Opened the AWS console for "${profile}" in the browser`, json: { profile, opened: true } };
  },
};
