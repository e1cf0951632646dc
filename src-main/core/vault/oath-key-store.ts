// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { Keychain } from './keychain-port';

const PREFIX = 'oath-key:';

/** Keychain account holding the PBKDF2-derived OATH key of one device. */
export const oathKeyAccount = (deviceId: string): string => PREFIX + deviceId;

/**
 * OATH applet password keys (the PBKDF2-derived key, never the password itself), by the
 * applet's device id, stored hex-encoded under `oath-key:<deviceId>`.
 */
export class OathKeyStore {
  constructor(private readonly keychain: Keychain) {}

  async get(deviceId: string): Promise<Uint8Array | undefined> {
    const hex = await this.keychain.get(oathKeyAccount(deviceId));
    if (hex === undefined) return undefined;
    if (!/^(?:[0-9a-f]{2})+$/.test(hex)) {
      // Someone edited the keychain entry (or another tool wrote it): unlocking again replaces it.
      throw new TouchroleError('keychain-entry-invalid', `The stored OATH key for YubiKey ${deviceId} is corrupt`, {
        hint: 'run `touchrole yubikey unlock` again: it replaces the stored key',
      });
    }
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  }

  async set(deviceId: string, key: Uint8Array): Promise<void> {
    await this.keychain.set(oathKeyAccount(deviceId), Buffer.from(key).toString('hex'));
  }

  async remove(deviceId: string): Promise<boolean> {
    return this.keychain.delete(oathKeyAccount(deviceId));
  }

  /** Device ids that have a stored key. */
  async list(): Promise<string[]> {
    return (await this.keychain.list(PREFIX)).map((a) => a.slice(PREFIX.length));
  }
}
