// SPDX-License-Identifier: MIT
import { entry, type RegistryEntry } from './registry-entry';
import { sessionCommands as session } from './session-commands';

export type { RegistryEntry } from './registry-entry';

/** Every verb, in the order `touchrole help` lists them. */
export const registry: RegistryEntry[] = [
  session.elevate,
  session['credential-process'],
  session.status,
  session.end,
  session.logout,
  session.whoami,
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
  session.console,
  session.decode,
  session.exec,
  session.export,
  entry(['completion'], 'shell completion script for bash, zsh or fish', () => import('./commands/completion')),
];
