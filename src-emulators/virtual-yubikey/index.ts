// SPDX-License-Identifier: MIT
/** Public API of the virtual YubiKey used by integration tests. */
export { DEFAULT_VPCD_PORT, readerNameForPort, testVpcdPort, VirtualYubiKey, type VirtualYubiKeyOptions, YUBIKEY_ATR } from './virtual-yubikey';
export type { OathAlgorithm, OathType, StoredCredential, VirtualCredentialOptions } from './credential';
export { credentialId } from './credential';
export type { TouchBehaviour } from './touch';
