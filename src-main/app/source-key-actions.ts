// SPDX-License-Identifier: MIT
import { importedMessage, removedMessage, storedMessage } from '../../src-shared/source-key-messages';
import type { AppBackend } from '../core/agent';
import type { CoreServices } from '../core/service';

export type SourceKeyActions = Pick<AppBackend, 'sourceKeys' | 'addSourceKey' | 'importSourceKey' | 'removeSourceKey'>;

/**
 * The CLI's `keys list|add|import|remove` for the window, through the same KeysService (keychain
 * read-back, byte-preserving credentials-file edits, the MFA session dropped with the keys). In
 * attached mode these run in the app's own process, as the CLI does beside a running agent. The
 * secret goes to the keychain only: the results carry key IDs and the CLI's words, never the secret.
 */
export function sourceKeyActions(service: CoreServices): SourceKeyActions {
  return {
    async sourceKeys() {
      const keys = await service.keys.list();
      return keys.map((k) => ({ profile: k.profile, accessKeyId: k.accessKeyId, storedAt: k.importedAt }));
    },
    async addSourceKey({ profile, accessKeyId, secretAccessKey, replace }) {
      const stored = await service.keys.add(profile, { accessKeyId, secretAccessKey }, { replace });
      return { message: storedMessage(profile, stored.accessKeyId) };
    },
    importSourceKey: async ({ profile, replace }) => ({ message: importedMessage(await service.keys.import(profile, { replace })) }),
    removeSourceKey: async (profile) => ({ message: removedMessage(profile, (await service.keys.remove(profile)).mfaSessionsRemoved) }),
  };
}
