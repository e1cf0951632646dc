// SPDX-License-Identifier: MIT
/** The fake backend's helpers: the methods it logs, failures by profile name, and sessions as the window sees them. */
import { TouchroleError } from '../../src-shared/errors';
import type { AgentBackend, AppBackend } from '../../src-main/core/agent';
import type * as M from '../../src-shared/models';

export type Method = Exclude<keyof AgentBackend | keyof AppBackend, 'onTouch' | 'onYubikey' | 'on' | 'close'>;
/** What `log` lists: the calls that change something or fetch credentials (not the agent's frequent reads). */
export const LOGGED: ReadonlySet<Method> = new Set<Method>([
  ...['elevate', 'renew', 'end', 'logout', 'expire', 'credentialProcess'],
  ...['rotateKey', 'finishRotation', 'registerMfaDevice', 'unregisterMfaDevice'],
  ...['addSourceKey', 'importSourceKey', 'removeSourceKey'],
  'clean',
] as const);

// Profile names that trigger failures, so tests read as what they pin.
export function failFor(profile: string): void {
  if (profile === 'locked') throw new TouchroleError('oath-locked', 'The YubiKey OATH applet is locked', { hint: 'Run "touchrole yubikey unlock".' });
  if (profile === 'crash') throw new Error('SecretAccessKey=wJalrXUtnFEMI leaked in a library message');
}

export function profileOf(arg: unknown): string {
  return typeof arg === 'object' && arg !== null && 'profile' in arg ? String(arg.profile) : String(arg);
}

export function view(s: M.SessionView): M.SessionView {
  return {
    profile: s.profile,
    expiration: s.expiration,
    ...(s.roleArn === undefined ? {} : { roleArn: s.roleArn }),
    ...(s.writtenProfile === undefined ? {} : { writtenProfile: s.writtenProfile }),
    ...(s.expiryUnreadable === undefined ? {} : { expiryUnreadable: s.expiryUnreadable }),
  };
}
