// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import { TouchroleError } from '../../../src-shared/errors';
import { parseDuration } from '../../../src-shared/time/duration';
import type { MfaMode } from '../../core/service';
import { stringOption, type CommandDef, type OptionValues } from '../command';
import { serviceFor } from '../service-for';
import { tellAgent } from '../tell-agent';

export const command: CommandDef = {
  path: ['elevate'],
  args: '<profile>',
  summary: 'Touch the YubiKey, get a role session from STS, and write it to ~/.aws/credentials',
  help: [
    'The session is written as the profile "<profile>-touchrole" (the suffix is a setting): a name no',
    "config profile uses, because the AWS CLI prefers a config profile's role_arn over keys in the",
    'credentials file. Use it with `aws --profile <profile>-touchrole ...` until it expires.',
    "--duration: 15m to the role's maximum (12h at most; 1h when chaining roles). Default from settings (1h).",
    '--mfa-mode session: one touch gets an MFA session (GetSessionToken, up to 36h) that later elevations',
    '  reuse without a touch; role sessions are then capped at 1h by AWS.',
    '--mfa-mode direct: AssumeRole with the code itself, for role sessions longer than 1h.',
    'Default: direct when more than 1h is asked for, else session. A profile can set touchrole_mfa_mode.',
  ],
  examples: ['touchrole elevate prod-admin', 'touchrole elevate prod-admin --duration 8h --json', 'aws --profile prod-admin-touchrole s3 ls'],
  options: { duration: { type: 'string' }, 'mfa-mode': { type: 'string' } },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const profile = positionals[0] ?? '';
    const duration = stringOption(values, 'duration');
    const mfaMode = parseMfaMode(values);
    const s = await serviceFor(ctx).sessions.elevate(profile, {
      write: true,
      reuseCached: false,
      ...(duration === undefined ? {} : { durationSeconds: parseDuration(duration) }),
      ...(mfaMode === undefined ? {} : { mfaMode }),
    });
    // The tray shows the new session (and warns before it expires) at once.
    await tellAgent(ctx, 'sessions.list', {});
    const left = Math.round((Date.parse(s.expiration) - ctx.clock.now()) / 60000);
    const mode = s.plan.mfa ? ` (MFA: ${s.plan.mfa.mode}; ${printable(s.plan.mfa.reason)})` : '';
    return {
      text: [
        `Elevated ${printable(profile)}${s.roleArn ? ` to ${printable(s.roleArn)}` : ''} until ${s.expiration} (${left} min)${mode}`,
        `Use it with: aws --profile ${printable(s.writtenProfile ?? '')} ...`,
      ].join('\n'),
      json: {
        profile,
        writtenProfile: s.writtenProfile,
        roleArn: s.roleArn ?? null,
        expiration: s.expiration,
        mfaMode: s.plan.mfa?.mode ?? null,
        mfaReason: s.plan.mfa?.reason ?? null,
        durationSeconds: s.plan.durationSeconds,
      },
    };
  },
};

export function parseMfaMode(values: OptionValues): MfaMode | undefined {
  const v = stringOption(values, 'mfa-mode');
  if (v === undefined) return undefined;
  if (v === 'session') return 'mfa-session';
  if (v === 'direct') return 'direct';
  throw new TouchroleError('usage', `--mfa-mode must be "session" or "direct", not "${v}"`);
}
