// SPDX-License-Identifier: MIT
// The hot path: runs on every `aws` command. A cache hit loads only node:* modules, settings
// and src-shared code; the agent client is node:net; the SDK and PC/SC load only on a miss.
import {
  agentCaller,
  agentSocketPath,
  askAgent,
  callerIdentity,
  loadSettings,
  readCachedSession,
  toCredentialProcessJson,
  touchrolePaths,
} from '../../core/hot-path';
import type { CommandDef } from '../command';

// Long enough for a touch (the key waits ~15 s), the ledger's wait for a fresh step and STS.
const AGENT_TIMEOUT_MS = 120_000;

export const command: CommandDef = {
  path: ['credential-process'],
  args: '<profile>',
  summary: 'Print credential_process JSON for a profile (for ~/.aws/config)',
  help: [
    'In ~/.aws/config:',
    '  [profile prod]',
    '  credential_process = touchrole credential-process prod-admin',
    'where prod-admin is the role profile (role_arn, source_profile, mfa_serial) touchrole elevates.',
    'Sessions are cached (0600 files) and reused while more than refresh_minutes (default 5) remain',
    'and the profile is unchanged (role_arn, mfa_serial, ... edited: a new session);',
    'when the tray app or `touchrole agent` runs with the same AWS files, it serves them and shows the touch prompt.',
    'The touch prompt goes to your terminal (/dev/tty) or a desktop notification: the AWS CLI hides stderr.',
  ],
  examples: ['touchrole credential-process prod-admin'],
  options: {},
  positionals: [1, 1],
  async run({ positionals }, ctx) {
    const profile = positionals[0] ?? '';
    const paths = touchrolePaths(ctx.env);
    const settings = await loadSettings(paths.config);
    // What the profile resolves to here and now (files, role_arn chain, settings): a cached session made from anything else is a miss.
    const identity = await callerIdentity(ctx.env, profile, { defaultDurationSeconds: settings.defaultDurationSeconds });
    const hit =
      identity.fingerprint === undefined
        ? undefined
        : await readCachedSession(paths.cache, { kind: 'role-session', profile }, identity.fingerprint, ctx.clock.now(), settings.refreshMinutes * 60_000);
    const ask = { method: 'credentialProcess' as const, params: { profile, caller: agentCaller(identity) } };
    const output =
      (hit && toCredentialProcessJson(hit)) ??
      (await askAgent(ask, { socketPath: agentSocketPath({ env: ctx.env }), timeoutMs: AGENT_TIMEOUT_MS })) ??
      (await (await import('../service-for')).serviceFor(ctx).sessions.credentialProcess(profile));
    // credential_process reads JSON from stdout whatever the flags: same bytes with or without --json.
    const text = JSON.stringify(output);
    return { text, json: output, jsonText: text };
  },
};
