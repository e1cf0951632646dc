// SPDX-License-Identifier: MIT
import { entry, type RegistryEntry } from './registry-entry';
import type { SessionVerb } from './session-verbs';

/**
 * The session commands (SESSION_VERBS): the whole of dist/bundle/session.js's registry, and part of
 * the full one (registry.ts), so that the elevate path loads neither IAM, the emulators nor the
 * other commands.
 */
export const sessionCommands = {
  elevate: entry(['elevate'], 'touch the YubiKey and write a role session to ~/.aws/credentials', () => import('./commands/elevate')),
  'credential-process': entry(['credential-process'], 'credential_process JSON for ~/.aws/config (cached)', () => import('./commands/credential-process')),
  status: entry(['status'], 'touchrole sessions and the time they have left', () => import('./commands/status')),
  end: entry(['end'], 'end a session now (remove its profile and cached copy)', () => import('./commands/end')),
  logout: entry(['logout'], 'end every session and drop the MFA session (the next use needs a touch)', () => import('./commands/logout')),
  whoami: entry(['whoami'], "STS GetCallerIdentity with a profile's session", () => import('./commands/whoami')),
  console: entry(['console'], 'open the AWS console with a role session', () => import('./commands/console')),
  decode: entry(['decode'], 'decode an encoded authorization failure message', () => import('./commands/decode')),
  exec: entry(['exec'], 'run a command with a role session (environment, or a local endpoint with --server)', () => import('./commands/exec')),
  export: entry(['export'], 'print a role session for the shell (formats of aws configure export-credentials)', () => import('./commands/export')),
} satisfies Record<SessionVerb, RegistryEntry>;
