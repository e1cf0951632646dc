// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { AwsProfile } from '../../core/service';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['profiles'],
  args: '',
  summary: 'The AWS profiles touchrole sees, read exactly as the AWS CLI reads them',
  help: [
    'Reads ~/.aws/config and ~/.aws/credentials (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE honoured).',
    '--json prints {"profiles": {...}} in the AWS CLI\'s own merged shape, plus "touchrole": what touchrole',
    'derives per profile (kind, keys location, role chain, MFA device, active session). Secrets are redacted.',
  ],
  examples: ['touchrole profiles', 'touchrole profiles --json'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    // Keychain-held keys count; a locked or unavailable keychain is a warning, not a failure.
    const { set, json, jsonText, warning } = await serviceFor(ctx).profiles.report();
    const rows = [...set.profiles.values()].map((p) => describe(p, set.sessions.get(p.name), ctx.clock.now()));
    const text = [
      ...(rows.length ? rows : ['No profiles in ' + set.files.paths.configFile + ' or ' + set.files.paths.credentialsFile]),
      ...(warning ? [`(${warning})`] : []),
    ].join('\n');
    return { text, json, jsonText };
  },
};

function describe(p: AwsProfile, expiresAt: number | undefined, now: number): string {
  const parts = [printable(p.name).padEnd(24), p.kind.padEnd(6)];
  if (p.roleArn) parts.push(printable(p.roleArn));
  if (p.keys) parts.push(`keys: ${p.keys}`);
  if (p.mfaSerial) parts.push(`mfa: ${printable(p.mfaSerial)}`);
  if (expiresAt !== undefined) parts.push(expiresAt > now ? `touchrole session, ${Math.ceil((expiresAt - now) / 60000)}m left` : 'touchrole session, expired');
  if (p.problem) parts.push(`! ${printable(p.problem.message)}`);
  return parts.join('  ');
}
