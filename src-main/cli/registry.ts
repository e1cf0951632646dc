// SPDX-License-Identifier: MIT
import type { CommandDef } from './command';

/**
 * Every verb, with a loader so a command's dependencies load only when it runs: the
 * credential-process cache hit must not pay for the AWS SDK, PC/SC or the keychain.
 */
export interface RegistryEntry {
  path: string[];
  summary: string;
  load(): Promise<CommandDef>;
}

const entry = (path: string[], summary: string, load: () => Promise<{ command: CommandDef }>): RegistryEntry => ({
  path,
  summary,
  load: async () => (await load()).command,
});

export const registry: RegistryEntry[] = [
  entry(['elevate'], 'touch the YubiKey and write a role session to ~/.aws/credentials', () => import('./commands/elevate')),
  entry(['credential-process'], 'credential_process JSON for ~/.aws/config (cached)', () => import('./commands/credential-process')),
  entry(['status'], 'touchrole sessions and the time they have left', () => import('./commands/status')),
  entry(['end'], 'end a session now (remove its profile and cached copy)', () => import('./commands/end')),
  entry(['logout'], 'end every session and drop the MFA session (the next use needs a touch)', () => import('./commands/logout')),
  entry(['whoami'], "STS GetCallerIdentity with a profile's session", () => import('./commands/whoami')),
  entry(['yubikey', 'list'], 'YubiKeys and their OATH credentials', () => import('./commands/yubikey-list')),
  entry(['yubikey', 'code'], 'one code from the YubiKey', () => import('./commands/yubikey-code')),
  entry(['yubikey', 'unlock'], 'unlock a password-protected OATH applet (key kept in the keychain)', () => import('./commands/yubikey-unlock')),
  entry(['demo'], 'the whole flow with a virtual YubiKey and a local STS (touches nothing of yours)', () => import('./commands/demo')),
  entry(['agent'], 'run the agent without the tray (serves credential_process, warns before expiry)', () => import('./commands/agent')),
  entry(['profiles'], 'AWS profiles as the AWS CLI reads them, with what touchrole derives', () => import('./commands/profiles')),
  entry(['keys', 'list'], 'profiles whose long-term keys are in the keychain', () => import('./commands/keys-list')),
  entry(['keys', 'add'], 'store a long-term key pair in the keychain', () => import('./commands/keys-add')),
  entry(['keys', 'import'], 'move keys from the credentials file into the keychain', () => import('./commands/keys-import')),
  entry(['keys', 'remove'], "delete a profile's keys from the keychain", () => import('./commands/keys-remove')),
  entry(['clean'], 'remove expired touchrole sessions from the credentials file', () => import('./commands/clean')),
  entry(['keys', 'age'], 'how old each access key is, and which are due for rotation', () => import('./commands/keys-age')),
  entry(['keys', 'rotate'], "replace a profile's access key safely (--finish deletes the old one)", () => import('./commands/keys-rotate')),
  entry(['mfa', 'register'], "make the YubiKey the IAM user's virtual MFA device", () => import('./commands/mfa-register')),
  entry(['mfa', 'unregister'], 'remove the MFA device from IAM, the YubiKey and the profile', () => import('./commands/mfa-unregister')),
  entry(['console'], 'open the AWS console with a role session', () => import('./commands/console')),
  entry(['decode'], 'decode an encoded authorization failure message', () => import('./commands/decode')),
  entry(['exec'], 'run a command with a role session (environment, or a local endpoint with --server)', () => import('./commands/exec')),
  entry(['export'], 'print a role session for the shell (formats of aws configure export-credentials)', () => import('./commands/export')),
  entry(['completion'], 'shell completion script for bash, zsh or fish', () => import('./commands/completion')),
];
