// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { AccessKeyPair, SourceKeyStore, SourceKeySummary, StoredSourceKeys } from './source-key-store';

/**
 * The credentials-file operations `keys import` needs, injected so this stays independent of
 * the aws-config implementation (the composition root passes the real ones).
 */
export interface CredentialsFileAccess {
  /** The shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials). */
  path: string;
  /** The file's text, or undefined when there is no file. */
  read: (path: string) => Promise<string | undefined>;
  /** A section's keys as botocore reads them, or undefined when there is no such section. */
  readSection: (text: string, section: string) => Readonly<Record<string, string>> | undefined;
  /** `text` with `keys` removed from `section`, every other byte unchanged. */
  removeKeys: (text: string, section: string, keys: readonly string[]) => string;
  /** Atomic read-edit-write under the credentials file lock; a throwing edit leaves the file untouched. */
  updateCredentialsFile: (path: string, edit: (text: string) => string) => Promise<void>;
}

export interface KeysCommandsOptions {
  store: SourceKeyStore;
  credentials: CredentialsFileAccess;
}

export interface ImportResult {
  profile: string;
  accessKeyId: string;
  path: string;
  /** The keys taken out of the credentials file. */
  removedKeys: string[];
}

const KEY_ID = 'aws_access_key_id';
const SECRET = 'aws_secret_access_key';
const TOKEN = 'aws_session_token';

/** Core logic of `touchrole keys add|list|remove|import`: no argv, no output formatting. */
export class KeysCommands {
  constructor(private readonly options: KeysCommandsOptions) {}

  /** Stores a key pair for `profile`, refusing to overwrite different keys unless `replace`. */
  async add(profile: string, keys: AccessKeyPair, opts: { replace?: boolean } = {}): Promise<SourceKeySummary> {
    validateProfile(profile);
    validateKeyPair(keys);
    await this.checkNoConflict(profile, keys, opts.replace === true);
    const stored = await this.storeVerified(profile, keys);
    return { profile, accessKeyId: stored.accessKeyId, importedAt: stored.importedAt };
  }

  list(): Promise<SourceKeySummary[]> {
    return this.options.store.list();
  }

  async remove(profile: string): Promise<void> {
    if (!(await this.options.store.remove(profile))) {
      throw new TouchroleError('keys-not-found', `No keys for profile "${profile}" in the keychain`, {
        hint: 'See `touchrole keys list` for the profiles that have keys.',
      });
    }
  }

  /**
   * Moves a profile's long-term keys from the credentials file into the keychain. The plaintext
   * is removed only after the keychain returned exactly what was stored; on any failure the
   * credentials file is untouched (at worst the keys are in both places, never in neither).
   */
  async import(profile: string, opts: { replace?: boolean } = {}): Promise<ImportResult> {
    validateProfile(profile);
    const { path, read, readSection, removeKeys, updateCredentialsFile } = this.options.credentials;
    const text = await read(path);
    const section = text === undefined ? undefined : readSection(text, profile);
    if (section === undefined) {
      throw new TouchroleError('profile-not-found', `No profile "${profile}" in ${path}`, {
        hint: 'Name a profile that has aws_access_key_id and aws_secret_access_key in the credentials file.',
      });
    }
    const keys = keysIn(section);
    if (keys === undefined) {
      throw new TouchroleError('keys-not-found', `Profile "${profile}" in ${path} has no ${KEY_ID} and ${SECRET}`, {
        hint: 'Nothing to import; use `touchrole keys add` to store keys directly.',
      });
    }
    validateKeyPair(keys);
    await this.checkNoConflict(profile, keys, opts.replace === true);
    await this.storeVerified(profile, keys);

    let removedKeys: string[] = [];
    await updateCredentialsFile(path, (current) => {
      // Re-read under the file lock: if the keys changed since we stored them, removing them
      // would lose the new ones.
      const now = readSection(current, profile);
      const nowKeys = now === undefined ? undefined : keysIn(now);
      if (now === undefined || nowKeys === undefined || !sameKeys(nowKeys, keys)) {
        throw new TouchroleError('file-write-failed', `The keys of profile "${profile}" in ${path} changed during the import; nothing was removed`, {
          hint: 'Run `touchrole keys import` again.',
        });
      }
      removedKeys = [KEY_ID, SECRET, TOKEN].filter((k) => now[k] !== undefined);
      return removeKeys(current, profile, removedKeys);
    });
    return { profile, accessKeyId: keys.accessKeyId, path, removedKeys };
  }

  private async checkNoConflict(profile: string, keys: AccessKeyPair, replace: boolean): Promise<void> {
    const existing = await this.options.store.get(profile);
    if (existing && !replace && !sameKeys(existing, keys)) {
      throw new TouchroleError('usage', `The keychain already holds other keys (${existing.accessKeyId}) for profile "${profile}"`, {
        hint: 'Pass --replace to overwrite them.',
      });
    }
  }

  /** Stores and reads back: a keychain that silently drops or alters secrets is caught here. */
  private async storeVerified(profile: string, keys: AccessKeyPair): Promise<StoredSourceKeys> {
    const stored = await this.options.store.set(profile, keys);
    let readBack: StoredSourceKeys | undefined;
    try {
      readBack = await this.options.store.get(profile);
    } catch (e) {
      if (e instanceof TouchroleError && e.code === 'keychain-entry-invalid') readBack = undefined;
      else throw e;
    }
    if (readBack === undefined || !sameKeys(readBack, keys)) {
      throw new TouchroleError('keychain-entry-invalid', `The keychain did not return the keys stored for profile "${profile}"`, {
        hint: 'Check the keychain (is it writable and unlocked?); the credentials file was not changed.',
      });
    }
    return stored;
  }
}

function keysIn(section: Readonly<Record<string, string>>): AccessKeyPair | undefined {
  const accessKeyId = section[KEY_ID];
  const secretAccessKey = section[SECRET];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

function sameKeys(a: AccessKeyPair, b: AccessKeyPair): boolean {
  return a.accessKeyId === b.accessKeyId && a.secretAccessKey === b.secretAccessKey;
}

function validateProfile(profile: string): void {
  // Profile names become section names and keychain accounts: keep them on one line.
  if (profile.trim() === '' || /[\r\n[\]]/.test(profile)) {
    throw new TouchroleError('usage', `Invalid profile name "${profile.replace(/[\r\n]/g, ' ')}"`, {
      hint: 'Use the profile name as it appears in ~/.aws/config.',
    });
  }
}

/** Long-term IAM keys only: an ASIA key is temporary and useless without its session token. */
export function validateKeyPair(keys: AccessKeyPair): void {
  if (!/^[A-Z0-9]{16,128}$/.test(keys.accessKeyId)) {
    throw new TouchroleError('usage', 'The access key id is not valid (expected 16-128 upper-case letters and digits, e.g. AKIA...)', {
      hint: 'Copy the access key id from the IAM console or `aws iam list-access-keys`.',
    });
  }
  if (keys.accessKeyId.startsWith('ASIA')) {
    throw new TouchroleError('usage', `${keys.accessKeyId} is a temporary (session) key, not a long-term access key`, {
      hint: 'Store the long-term AKIA... key of the IAM user instead.',
    });
  }
  // Never echo the secret, even when it is malformed.
  if (keys.secretAccessKey === '' || /\s/.test(keys.secretAccessKey)) {
    throw new TouchroleError('usage', 'The secret access key is empty or contains whitespace', {
      hint: 'Paste the secret access key exactly as IAM showed it.',
    });
  }
}
