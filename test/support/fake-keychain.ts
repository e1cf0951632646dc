// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../src-shared/errors';
import type { Keychain } from '../../src-main/core/vault/keychain-port';

/**
 * An in-memory Keychain (aws-vault's ArrayKeyring): the same port as the keytar adapter.
 * `locked = true` makes every call fail like a locked OS keychain; `failSetWith` makes the
 * next set fail with the given error; `corruptOnSet` stores something other than asked (to
 * test read-back checks).
 */
export class FakeKeychain implements Keychain {
  readonly entries = new Map<string, string>();
  locked = false;
  failSetWith: Error | undefined;
  corruptOnSet = false;

  async get(account: string): Promise<string | undefined> {
    this.checkUnlocked();
    return this.entries.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    this.checkUnlocked();
    const failure = this.failSetWith;
    if (failure) {
      this.failSetWith = undefined;
      throw failure;
    }
    this.entries.set(account, this.corruptOnSet ? `${secret}x` : secret);
  }

  async delete(account: string): Promise<boolean> {
    this.checkUnlocked();
    return this.entries.delete(account);
  }

  async list(prefix: string): Promise<string[]> {
    this.checkUnlocked();
    return [...this.entries.keys()].filter((a) => a.startsWith(prefix)).sort();
  }

  private checkUnlocked(): void {
    if (this.locked) throw new TouchroleError('keychain-locked', 'The OS keychain is locked', { hint: 'Unlock the login keyring and retry.' });
  }
}
