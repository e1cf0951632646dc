// SPDX-License-Identifier: MIT
// Where a profile's long-term key lives, so rotation can read the current key and write the new one.
import { TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import { readAwsFile, readCredentialsSection, updateCredentialsFile } from '../aws-config';
import { setSectionValue } from '../mfa-device';
import type { AwsCredentials } from '../sts';
import type { AccessKeyPair, SourceKeyStore } from '../vault';

export interface KeyHome {
  /** Shown in messages: "the keychain", "~/.aws/credentials". */
  readonly description: string;
  read(): Promise<AwsCredentials | undefined>;
  /** Replaces the stored pair; what `read` returns next. */
  write(keys: AccessKeyPair): Promise<void>;
}

export function keychainKeyHome(store: SourceKeyStore, profile: string): KeyHome {
  return {
    description: 'the keychain',
    read: async () => {
      const k = await store.get(profile);
      return k && { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
    },
    write: async (keys) => {
      await store.set(profile, keys);
    },
  };
}

/** Keys in a credentials-file section [profile]: the two values are replaced in place. */
export function credentialsFileKeyHome(path: string, profile: string, clock: Clock): KeyHome {
  return {
    description: path,
    read: async () => {
      const section = readCredentialsSection((await readAwsFile(path, 'credentials')) ?? '', profile);
      const id = section?.['aws_access_key_id'];
      const secret = section?.['aws_secret_access_key'];
      return id && secret ? { accessKeyId: id, secretAccessKey: secret } : undefined;
    },
    write: async (keys) => {
      await updateCredentialsFile(path, (text) => replaceKeyPair(text, profile, keys), { clock });
    },
  };
}

/** The credentials-file edit: both values replaced, nothing else in the file touched. */
export function replaceKeyPair(text: string, section: string, keys: AccessKeyPair): string {
  const withId = setSectionValue(text, section, 'aws_access_key_id', keys.accessKeyId);
  return setSectionValue(withId, section, 'aws_secret_access_key', keys.secretAccessKey);
}

/** Rotation only rewrites the keychain or the credentials file; keys in ~/.aws/config are moved first. */
export function unsupportedKeyHome(profile: string): TouchroleError {
  return new TouchroleError('rotation-failed', `Profile "${profile}" keeps its access key in ~/.aws/config, which touchrole does not rewrite`, {
    hint: `Move the key to the keychain with \`touchrole keys add ${profile}\`, remove it from ~/.aws/config, and rotate again.`,
  });
}
