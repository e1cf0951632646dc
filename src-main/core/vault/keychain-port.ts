// SPDX-License-Identifier: MIT
/**
 * The OS keychain as touchrole uses it: one service name, string secrets by account.
 * The real adapter is keytar (keychain.ts); tests use an in-memory fake typed against this.
 */
export interface Keychain {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  /** Returns whether something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Accounts whose name starts with `prefix`. Secrets are not returned. */
  list(prefix: string): Promise<string[]>;
}
