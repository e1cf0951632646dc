// SPDX-License-Identifier: MIT
import { credentialsFileAccess } from '../aws-config';
import { dropMfaSessionsOf } from '../sessions';
import { KeysCommands, type AccessKeyPair, type ImportResult, type SourceKeySummary } from '../vault';
import type { CorePorts } from './core-ports';

/** Long-term access keys held in the OS keychain: add, import from the credentials file, list, remove. */
export class KeysService {
  private readonly commands: KeysCommands;

  constructor(private readonly ports: CorePorts) {
    this.commands = new KeysCommands({ store: ports.sourceKeys, credentials: credentialsFileAccess(ports.awsFiles.credentialsFile, ports.clock) });
  }

  /** Stores a key pair (read back to check it), refusing to overwrite different keys unless `replace`. */
  add(profile: string, keys: AccessKeyPair, options: { replace: boolean }): Promise<SourceKeySummary> {
    return this.commands.add(profile, keys, options);
  }

  /** Moves a profile's keys from the credentials file into the keychain (removed from the file once checked). */
  import(profile: string, options: { replace: boolean }): Promise<ImportResult> {
    return this.commands.import(profile, options);
  }

  list(): Promise<SourceKeySummary[]> {
    return this.commands.list();
  }

  /** Deletes the keys, and the cached MFA session made with them (it could still assume MFA roles without a touch). */
  async remove(profile: string): Promise<{ mfaSessionsRemoved: number }> {
    await this.commands.remove(profile);
    return { mfaSessionsRemoved: (await dropMfaSessionsOf(this.ports.paths.cache, profile)).length };
  }
}
