// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { Keychain } from './keychain-port';

const PREFIX = 'oath-key:';

/**
 * OATH applet password keys (the PBKDF2-derived key, never the password itself), by the
 * applet's device id, stored hex-encoded under `oath-key:<deviceId>`.
 */
export class OathKeyStore {
  constructor(private readonly keychain: Keychain) {}

  async get(deviceId: string): Promise<Uint8Array | undefined> {
    const hex = await this.keychain.get(PREFIX + deviceId);
    if (hex === undefined) return undefined;
    if (!/^(?:[0-9a-f]{2})+$/.test(hex)) {
      throw new TouchroleError('keychain-entry-invalid', `The stored OATH key for YubiKey ${deviceId} is not valid`, {
        hint: 'Run `touchrole yubikey unlock --forget`, then unlock the YubiKey again.',
      });
    }
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  }

  async set(deviceId: string, key: Uint8Array): Promise<void> {
    await this.keychain.set(PREFIX + deviceId, Buffer.from(key).toString('hex'));
  }

  async remove(deviceId: string): Promise<boolean> {
    return this.keychain.delete(PREFIX + deviceId);
  }

  /** Device ids that have a stored key. */
  async list(): Promise<string[]> {
    return (await this.keychain.list(PREFIX)).map((a) => a.slice(PREFIX.length));
  }
}
