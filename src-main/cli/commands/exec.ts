// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import { TouchroleError } from '../../../src-shared/errors';
import { parseDuration } from '../../../src-shared/time/duration';
import { systemTimers } from '../../core/agent';
import { checkNotNested, childEnv, MIN_REMAINING_MS, RenewingSession, runChild, startCredentialsServer, type DeliveredSession } from '../../core/delivery';
import { touchrolePaths } from '../../core/paths';
import { loadSettings } from '../../core/settings';
import { flag, stringOption, type CliContext, type CommandDef } from '../command';
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
    checkNotNested(ctx.env, flag(values, 'force'));
    const duration = stringOption(values, 'duration');
    const durationSeconds = duration === undefined ? undefined : parseDuration(duration);
    const source = sessionSourceFor(ctx);
    const session = await source.session(profile, { minRemainingMs: MIN_REMAINING_MS, ...(durationSeconds === undefined ? {} : { durationSeconds }) });
    const run = (env: NodeJS.ProcessEnv): Promise<number> => runChild(cmd, args, { env, terminal: ctx.stdin.isTTY === true });
    const exitCode = flag(values, 'server')
      ? await runServed(ctx, session, run, { source, ...(durationSeconds === undefined ? {} : { durationSeconds }) })
      : await run(childEnv(ctx.env, { profile, ...region(session), delivery: { kind: 'env', credentials: session.credentials } }));
    return { text: '', json: { profile, exitCode }, exitCode };
  },
};

/** --server: the endpoint lives exactly as long as the child. */
async function runServed(
  ctx: CliContext,
  initial: DeliveredSession,
  run: (env: NodeJS.ProcessEnv) => Promise<number>,
  o: { source: ReturnType<typeof sessionSourceFor>; durationSeconds?: number },
): Promise<number> {
  const settings = await loadSettings(touchrolePaths(ctx.env).config);
  const renewing = new RenewingSession({
    source: o.source,
    initial,
    renewBeforeMs: Math.max(settings.refreshMinutes * 60_000, MIN_REMAINING_MS),
    clock: ctx.clock,
    timers: systemTimers,
    log: (line) => ctx.stderr.write(`${printable(line)}\n`),
    ...(o.durationSeconds === undefined ? {} : { durationSeconds: o.durationSeconds }),
  });
  const server = await startCredentialsServer({ current: () => renewing.current() });
  try {
    return await run(childEnv(ctx.env, { profile: initial.profile, ...region(initial), delivery: { kind: 'server', url: server.url, token: server.token } }));
  } finally {
    await renewing.stop();
    await server.close();
  }
}

function region(s: DeliveredSession): { region?: string } {
  return s.region === undefined ? {} : { region: s.region };
}
