// SPDX-License-Identifier: MIT
/**
 * The fake backend's keychain of long-term keys (`keys list|add|import|remove`), beside the key
 * ages of fake-source-keys.ts: a key added or imported shows in both lists, a removed one leaves
 * both. Secrets are checked and dropped at once: nothing here records or returns one.
 */
import { TouchroleError } from '../../src-shared/errors';
import type { AddSourceKeyRequest, KeyActionResult, KeyAgeView, SourceKeyView } from '../../src-shared/models';
import { importedMessage, removedMessage, storedMessage } from '../../src-shared/source-key-messages';
import type { Clock } from '../../src-shared/time/clock';
import { failFor } from './fake-session-views';
import { sourceKey, type FakeSourceKeys } from './fake-source-keys';

export interface FakeKeychainHooks {
  clock: Clock;
  /** Records the call (never with a secret) and throws a failure injected for it. */
  enter(method: 'sourceKeys' | 'addSourceKey' | 'importSourceKey' | 'removeSourceKey', args: unknown[]): void;
  /** The key ages the keychain's changes show in. */
  ages: FakeSourceKeys;
}

export const FAKE_CREDENTIALS_FILE = '/home/alice/.aws/credentials';

export class FakeSourceKeyStore {
  /** Profiles whose key is in the keychain, with when it was stored; the key ID comes from the key ages (rotation changes it there). */
  readonly keychain: Map<string, string>;
  /** Profiles whose key sits in plaintext in the credentials file. */
  readonly plaintext: Set<string>;

  constructor(
    private readonly hooks: FakeKeychainHooks,
    keychain: Record<string, string> = { work: '2026-07-01T09:00:00.000Z' },
    plaintext: string[] = ['lab'],
  ) {
    this.keychain = new Map(Object.entries(keychain));
    this.plaintext = new Set(plaintext);
  }

  async sourceKeys(): Promise<SourceKeyView[]> {
    this.hooks.enter('sourceKeys', []);
    return [...this.keychain].flatMap(([profile, storedAt]) => {
      const accessKeyId = this.age(profile)?.accessKeyId;
      return accessKeyId ? [{ profile, accessKeyId, storedAt }] : [];
    });
  }

  async addSourceKey({ profile, accessKeyId, secretAccessKey, replace }: AddSourceKeyRequest): Promise<KeyActionResult> {
    this.hooks.enter('addSourceKey', [{ profile, accessKeyId, replace }]);
    failFor(profile);
    if (accessKeyId.startsWith('ASIA')) throw new TouchroleError('usage', `${accessKeyId} is a temporary (session) key, not a long-term access key`);
    if (secretAccessKey.length < 8) throw new TouchroleError('usage', 'The secret access key is too short for a fake IAM key');
    this.checkNoConflict(profile, accessKeyId, replace);
    this.store(profile, accessKeyId);
    return { message: storedMessage(profile, accessKeyId) };
  }

  async importSourceKey({ profile, replace }: { profile: string; replace: boolean }): Promise<KeyActionResult> {
    this.hooks.enter('importSourceKey', [{ profile, replace }]);
    const accessKeyId = this.age(profile)?.accessKeyId;
    if (!this.plaintext.has(profile) || !accessKeyId) throw new TouchroleError('profile-not-found', `No profile "${profile}" in ${FAKE_CREDENTIALS_FILE}`);
    this.checkNoConflict(profile, accessKeyId, replace);
    this.plaintext.delete(profile);
    this.keychain.set(profile, new Date(this.hooks.clock.now()).toISOString()); // the same key, so its age stays
    const removedKeys = ['aws_access_key_id', 'aws_secret_access_key'];
    return { message: importedMessage({ profile, accessKeyId, path: FAKE_CREDENTIALS_FILE, removedKeys }) };
  }

  async removeSourceKey(profile: string): Promise<KeyActionResult> {
    this.hooks.enter('removeSourceKey', [profile]);
    if (!this.keychain.delete(profile)) throw new TouchroleError('keys-not-found', `No keys for profile "${profile}" in the keychain`);
    if (!this.plaintext.has(profile)) this.hooks.ages.value = this.hooks.ages.value.filter((e) => e.profile !== profile);
    return { message: removedMessage(profile, 0) };
  }

  private age(profile: string): KeyAgeView | undefined {
    return this.hooks.ages.value.find((e) => e.profile === profile);
  }

  private checkNoConflict(profile: string, accessKeyId: string, replace: boolean): void {
    const existing = this.keychain.has(profile) ? this.age(profile)?.accessKeyId : undefined;
    if (existing && existing !== accessKeyId && !replace) {
      throw new TouchroleError('usage', `The keychain already holds other keys (${existing}) for profile "${profile}"`, {
        hint: 'Pass --replace to overwrite them.',
      });
    }
  }

  /** In the keychain now; the key ages show it, dated from today as the import date (IAM is not asked here). */
  private store(profile: string, accessKeyId: string): void {
    this.keychain.set(profile, new Date(this.hooks.clock.now()).toISOString());
    const entry = this.age(profile);
    const next: KeyAgeView = { ...(entry ?? sourceKey(profile, 0, null)), accessKeyId, ageDays: 0, due: false, source: 'imported' };
    this.hooks.ages.value = entry === undefined ? [...this.hooks.ages.value, next] : this.hooks.ages.value.map((e) => (e.profile === profile ? next : e));
  }
}
