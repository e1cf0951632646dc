// SPDX-License-Identifier: MIT
/**
 * One error type for everything a user can act on. `code` is stable (it drives exit codes
 * and `--json`), `message` is one line a user can act on, `hint` says what to do next.
 * Messages never contain secrets, raw APDU data or key material.
 */
export type ErrorCode =
  // YubiKey / OATH
  | 'yubikey-not-found'
  | 'yubikey-ambiguous'
  | 'yubikey-removed'
  | 'yubikey-busy'
  | 'pcsc-unavailable'
  | 'pcsc-error'
  | 'yubikey-bad-response'
  | 'oath-applet-missing'
  | 'oath-locked'
  | 'oath-wrong-password'
  | 'oath-no-such-credential'
  | 'oath-ambiguous-credential'
  | 'oath-no-space'
  | 'oath-error'
  | 'touch-timeout'
  | 'hid-error'
  | 'otp-slot-not-programmed'
  // AWS files and profiles
  | 'config-parse-error'
  | 'credentials-parse-error'
  | 'profile-not-found'
  | 'profile-invalid'
  | 'file-locked'
  | 'file-write-failed'
  | 'file-read-failed'
  // Keychain
  | 'keychain-unavailable'
  | 'keychain-locked'
  | 'keys-not-found'
  | 'keychain-entry-invalid'
  // STS / IAM
  | 'sts-access-denied'
  | 'sts-invalid-mfa'
  | 'sts-mfa-reused'
  | 'sts-expired-token'
  | 'sts-invalid-keys'
  | 'sts-clock-skew'
  | 'sts-network'
  | 'sts-error'
  | 'iam-error'
  | 'duration-invalid'
  | 'rotation-failed'
  // Agent / misc
  | 'agent-unavailable'
  | 'agent-protocol'
  | 'agent-declined'
  | 'agent-already-running'
  | 'agent-socket-insecure'
  /** The other end of the agent socket could not prove it holds the agent's key (core/agent/handshake.ts). */
  | 'agent-unauthenticated'
  | 'ipc-rejected'
  | 'cli-install-failed'
  // exec / export
  | 'command-not-found'
  | 'exec-nested'
  | 'usage'
  | 'cancelled'
  /** A bug in touchrole (exit 3), never something the user can fix: the one code BugError also maps to. */
  | 'internal';

export interface WireError {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class TouchroleError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TouchroleError';
    this.code = code;
    this.hint = options.hint;
  }

  toWire(): WireError {
    return this.hint === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, hint: this.hint };
  }

  static fromWire(wire: WireError): TouchroleError {
    return wire.hint === undefined ? new TouchroleError(wire.code, wire.message) : new TouchroleError(wire.code, wire.message, { hint: wire.hint });
  }
}

/** "Cannot happen": a bug in touchrole, not something the user can fix. */
export class BugError extends Error {
  constructor(message: string) {
    super(`touchrole bug: ${message}`);
    this.name = 'BugError';
  }
}

export function isTouchroleError(e: unknown): e is TouchroleError {
  return e instanceof TouchroleError;
}
