// SPDX-License-Identifier: MIT
import type { CardReaders } from '../src-main/core/oath';
import type { Keychain } from '../src-main/core/vault';
import type { VirtualYubiKey } from './virtual-yubikey';

export const DEMO_READER = 'touchrole demo: virtual YubiKey';

/** One reader holding the virtual key, in this process: the demo needs no pcscd. */
export function virtualKeyReaders(key: VirtualYubiKey): CardReaders {
  return {
    listReaders: async () => [{ name: DEMO_READER, cardPresent: true }],
    connect: async () => ({ transmit: (apdu) => key.transmit(apdu), close: async () => undefined }),
  };
}

/** A keychain that lives as long as the demo: the user's real keychain is never touched. */
export function memoryKeychain(): Keychain {
  const entries = new Map<string, string>();
  return {
    get: async (account) => entries.get(account),
    set: async (account, secret) => void entries.set(account, secret),
    delete: async (account) => entries.delete(account),
    list: async (prefix) => [...entries.keys()].filter((a) => a.startsWith(prefix)),
  };
}
