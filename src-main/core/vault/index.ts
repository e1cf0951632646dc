// SPDX-License-Identifier: MIT
// Public API of core/vault: the OS keychain and the secrets touchrole keeps in it.
export type { Keychain } from './keychain-port';
export { createOsKeychain, DEFAULT_KEYCHAIN_SERVICE } from './keychain';
export type { OsKeychainOptions } from './keychain';
export { mapKeychainError } from './keychain-errors';
export { SourceKeyStore } from './source-key-store';
export type { AccessKeyPair, StoredSourceKeys, SourceKeySummary } from './source-key-store';
export { OathKeyStore, oathKeyAccount } from './oath-key-store';
export { KeysCommands, validateKeyPair } from './keys-commands';
export type { CredentialsFileAccess, ImportResult, KeysCommandsOptions } from './keys-commands';
