// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import { TouchroleError } from '../../../src-shared/errors';
import { parseDuration } from '../../../src-shared/time/duration';
import { MIN_REMAINING_MS } from '../../core/service';
import { flag, stringOption, type CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { sessionSourceFor } from '../session-source-for';

export const command: CommandDef = {
  path: ['exec'],
  args: '<profile> -- <command> [args...]',
  summary: 'Run one command with a role session (in its environment, or from a local endpoint with --server)',
  help: [
    'Reuses a cached session with more than 5 minutes left, else elevates (touch the YubiKey).',
    'The command runs without a shell, with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,',
    'AWS_CREDENTIAL_EXPIRATION, AWS_REGION/AWS_DEFAULT_REGION (from the profile) and TOUCHROLE_PROFILE;',
    'AWS_PROFILE, AWS_DEFAULT_PROFILE and every other variable that selects credentials are removed.',
    '--server: no keys in the environment; the session is served on 127.0.0.1 in the container-credentials',
    '  format (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN) and renewed',
    '  refresh_minutes before it expires, so long-running commands outlive a session.',
    '--duration: the length of a new session (15m to 12h). --force: allow exec inside an exec.',
    "Exit code: the command's (128 + signal number if a signal ended it). SIGINT, SIGTERM and SIGHUP reach it.",
  ],
  examples: [
    'touchrole exec prod-admin -- aws s3 ls',
    'touchrole exec prod-admin --server -- terraform apply',
    'touchrole exec prod-admin --duration 8h -- bash',
  ],
  options: { duration: { type: 'string' }, server: { type: 'boolean' }, force: { type: 'boolean' } },
  positionals: [1, 1],
  afterDashes: true,
  async run({ positionals, values, command: argv }, ctx) {
    const profile = positionals[0] ?? '';
    const [cmd, ...args] = argv ?? [];
    if (cmd === undefined || cmd === '') {
      throw new TouchroleError('usage', 'no command to run', { hint: 'usage: touchrole exec <profile> -- <command> [args...]' });
    }
    const delivery = serviceFor(ctx).delivery;
    delivery.checkNotNested(flag(values, 'force'));
    const duration = stringOption(values, 'duration');
    const durationSeconds = duration === undefined ? undefined : parseDuration(duration);
    const source = sessionSourceFor(ctx);
    const session = await source.session(profile, { minRemainingMs: MIN_REMAINING_MS, ...(durationSeconds === undefined ? {} : { durationSeconds }) });
    const exitCode = await delivery.exec({
      command: cmd,
      args,
      session,
      source,
      server: flag(values, 'server'),
      terminal: ctx.stdin.isTTY === true,
      log: (line) => void ctx.stderr.write(`${printable(line)}\n`),
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    });
    return { text: '', json: { profile, exitCode }, exitCode };
  },
};
