// SPDX-License-Identifier: MIT
/**
 * Public API of YubiKey OATH: the client the CLI and the app use, the session for lower-level
 * work, discovery and the AWS MFA ARN helper. PC/SC is loaded lazily (createPcscOathClient),
 * so importing this module stays cheap on the credential_process path.
 */
import type { CardReaders } from '../transport/readers';
import type { Keychain } from '../vault/keychain-port';
import type { DebugLog } from './apdu-channel';
import { pcscBindingUnavailable } from '../transport/pcsc-errors';
import { OathClient } from './oath-client';
import type * as PcscBinding from '../transport/pcsc';

export { awsMfaArnIn } from '../../../src-shared/oath-codec';
export { type CardEvent, type CardReaders, CardWatcher, type CardWatcherOptions, type ReaderChangeListener, type ReaderInfo } from '../transport/readers';
export type { DebugLog } from './apdu-channel';
export { matchCredential } from './credential-match';
export { chooseKey, describeKey, discoverKeys, type KeySelector, type YubiKeyInfo } from './discovery';
export { type CodeResult, type CredentialView, type KeyListing, OathClient, type OathClientDeps, oathKeyAccount } from './oath-client';
export { type NewCredential, type OathCode, type OathCredential, OathSession, type OathSessionOptions, type OnTouch, type TouchEvent } from './oath-session';

// The binding itself loads on first use; this import is erased.
type PcscModule = typeof PcscBinding;

/** The real PC/SC readers, loading the native binding on first use (a binding that does not load is 'pcsc-unavailable'). */
export async function createPcscReaders(load: () => Promise<PcscModule> = () => import('../transport/pcsc')): Promise<CardReaders> {
  let pcsc: PcscModule;
  try {
    pcsc = await load();
  } catch (e) {
    throw pcscBindingUnavailable(e);
  }
  return new pcsc.PcscReaders();
}

/** The production client: PC/SC readers (loaded on first use) and the given keychain. */
export async function createPcscOathClient(options: { keychain: Keychain; debug?: DebugLog }): Promise<OathClient> {
  return new OathClient({ readers: await createPcscReaders(), ...options });
}
