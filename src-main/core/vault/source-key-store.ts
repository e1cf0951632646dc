// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import type { Keychain } from './keychain-port';

/** A long-term IAM access key pair. */
export interface AccessKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the keychain holds per source profile. */
export interface StoredSourceKeys extends AccessKeyPair {
  /** ISO 8601, when touchrole stored the key (the key-age fallback when IAM cannot be asked). */
  importedAt: string;
}

/** What `list` reveals: never the secret. */
export interface SourceKeySummary {
  profile: string;
  accessKeyId: string;
  importedAt: string;
}

const PREFIX = 'source-keys:';

/** Long-term access keys per profile, as JSON in the keychain under `source-keys:<profile>`. */
export class SourceKeyStore {
  constructor(
    private readonly keychain: Keychain,
    private readonly clock: Clock,
  ) {}

  async get(profile: string): Promise<StoredSourceKeys | undefined> {
    const raw = await this.keychain.get(PREFIX + profile);
    return raw === undefined ? undefined : parseEntry(profile, raw);
  }

  /** Stores the pair with importedAt = now (or the given date) and returns what was stored. */
  async set(profile: string, keys: AccessKeyPair, importedAt?: string): Promise<StoredSourceKeys> {
    const entry: StoredSourceKeys = {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      importedAt: importedAt ?? new Date(this.clock.now()).toISOString(),
    };
    await this.keychain.set(PREFIX + profile, JSON.stringify(entry));
    return entry;
  }

  async remove(profile: string): Promise<boolean> {
    return this.keychain.delete(PREFIX + profile);
  }

  /** Profiles with stored keys, sorted by name, with their access key ids (no secrets). */
  async list(): Promise<SourceKeySummary[]> {
    const accounts = await this.keychain.list(PREFIX);
    const out: SourceKeySummary[] = [];
    for (const account of accounts) {
      const profile = account.slice(PREFIX.length);
      const entry = await this.get(profile);
      // Deleted between list and get (another process): not there any more.
      if (entry) out.push({ profile, accessKeyId: entry.accessKeyId, importedAt: entry.importedAt });
    }
    return out.sort((a, b) => (a.profile < b.profile ? -1 : a.profile > b.profile ? 1 : 0));
  }
}

function parseEntry(profile: string, raw: string): StoredSourceKeys {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    'accessKeyId' in value &&
    'secretAccessKey' in value &&
    'importedAt' in value &&
    typeof value.accessKeyId === 'string' &&
    typeof value.secretAccessKey === 'string' &&
    typeof value.importedAt === 'string'
  ) {
    return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey, importedAt: value.importedAt };
  }
  throw new TouchroleError('keychain-entry-invalid', `The keychain entry for profile "${profile}" is not valid touchrole data`, {
    hint: `Remove it with \`touchrole keys remove ${profile}\` and add the keys again.`,
  });
}
