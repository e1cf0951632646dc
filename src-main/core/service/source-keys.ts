// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { readCredentialsSection, type AwsProfile, type AwsProfileSet } from '../aws-config';
import { credentialsFileKeyHome, keychainKeyHome, unsupportedKeyHome, type IamMfa, type KeyHome } from '../rotation';
import { firstKeysFound, type SourceKeysLookup } from '../sessions';
import type { AwsCredentials } from '../sts';
import type { CorePorts } from './core-ports';
import { yubikeyMfaCodes } from './mfa-codes';

/** Where a source profile's long-term key lives, for reading and replacing it. */
export function keyHomeFor(ports: CorePorts, profile: AwsProfile): KeyHome {
  if (profile.keys === 'keychain') return keychainKeyHome(ports.sourceKeys, profile.name);
  if (profile.keys === 'credentials-file') return credentialsFileKeyHome(ports.awsFiles.credentialsFile, profile.name, ports.clock);
  throw unsupportedKeyHome(profile.name);
}

/** The profile's long-term key, wherever it is stored. */
export async function profileKeys(ports: CorePorts, profile: AwsProfile): Promise<AwsCredentials> {
  const id = profile.settings.get('aws_access_key_id');
  const secret = profile.settings.get('aws_secret_access_key');
  const keys =
    profile.keys === 'config-file'
      ? typeof id === 'string' && typeof secret === 'string'
        ? { accessKeyId: id, secretAccessKey: secret }
        : undefined
      : await keyHomeFor(ports, profile).read();
  if (keys === undefined)
    throw new TouchroleError('keys-not-found', `No access key is stored for profile "${profile.name}"`, {
      hint: `Store it with \`touchrole keys add ${profile.name}\`.`,
    });
  return keys;
}

/** With mfa_serial, IAM calls go through an MFA session: one YubiKey code, spent once (the ledger). */
export function iamMfaFor(ports: CorePorts, profiles: ReadonlyMap<string, AwsProfile>, profile: AwsProfile, purpose: string): { mfa?: IamMfa } {
  if (profile.mfaSerial === undefined) return {};
  const code = yubikeyMfaCodes({ profiles, clock: ports.clock, prompter: ports.prompter, oath: () => ports.oath(), hid: ports.hid, purpose });
  return { mfa: { serial: profile.mfaSerial, code, ledger: ports.ledger } };
}

/** Source keys for elevation: the keychain, then the credentials or config file. */
export function sourceKeysLookup(ports: CorePorts, set: AwsProfileSet): SourceKeysLookup {
  const fromKeychain: SourceKeysLookup = async (profile) => {
    const k = await ports.sourceKeys.get(profile);
    return k && { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
  };
  const fromFile: SourceKeysLookup = async (profile) => {
    const text = set.files.credentialsText;
    const s = readCredentialsSection(text, profile) ?? readConfigKeys(set, profile);
    const id = s?.['aws_access_key_id'];
    const secret = s?.['aws_secret_access_key'];
    return id && secret ? { accessKeyId: id, secretAccessKey: secret } : undefined;
  };
  // The keychain is asked only for profiles that have keys there, so a locked keychain does
  // not block users who keep their keys in the credentials file.
  return firstKeysFound(async (p) => (set.profiles.get(p)?.keys === 'keychain' ? fromKeychain(p) : undefined), fromFile);
}

function readConfigKeys(set: AwsProfileSet, profile: string): Record<string, string> | undefined {
  const p = set.profiles.get(profile);
  if (p?.keys !== 'config-file') return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of p.settings) if (typeof v === 'string') out[k] = v;
  return out;
}
