// SPDX-License-Identifier: MIT
import { consoleSigninUrl, openUrl } from '../../core/console';
import type { TemporaryCredentials } from '../../core/sts';
import { flag, type CliContext, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

/** Where the console command gets an elevated session; the CLI uses the service (cache, then YubiKey). */
export interface ConsoleDeps {
  getSession(profile: string): Promise<TemporaryCredentials>;
  open(url: string): Promise<void>;
}

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
    return runConsole(positionals[0] ?? '', flag(values, 'print'), ctx, realConsoleDeps(ctx));
  },
};

export async function runConsole(profile: string, print: boolean, ctx: CliContext, deps: ConsoleDeps) {
  const credentials = await deps.getSession(profile);
  const federationUrl = ctx.env['TOUCHROLE_FEDERATION_URL'];
  const url = await consoleSigninUrl(credentials, federationUrl ? { federationUrl } : {});
  if (print) return { text: url, json: { profile, url } };
  await deps.open(url);
  return { text: `Opened the AWS console for "${profile}" in the browser`, json: { profile, opened: true } };
}

function realConsoleDeps(ctx: CliContext): ConsoleDeps {
  const service = serviceFor(ctx);
  return {
    getSession: async (profile) => (await service.elevate(profile, { write: false, reuseCached: true })).credentials,
    open: (url) => openUrl(url),
  };
}
