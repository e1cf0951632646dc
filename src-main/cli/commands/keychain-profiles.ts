// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { SourceKeyStore } from '../../core/vault';

/**
 * Profiles with keys in the keychain. Listing commands still work when the keychain is
 * unavailable or locked: they say so instead of failing.
 */
export async function keychainProfilesOrEmpty(store: SourceKeyStore): Promise<{ profiles: Set<string>; warning?: string }> {
  try {
    return { profiles: new Set((await store.list()).map((k) => k.profile)) };
  } catch (e) {
    if (e instanceof TouchroleError && (e.code === 'keychain-unavailable' || e.code === 'keychain-locked')) {
      return { profiles: new Set(), warning: `keychain not read: ${e.message}` };
    }
    throw e;
  }
}
