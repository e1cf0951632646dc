// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../src-shared/errors';
import { VirtualYubiKey } from '../../src-emulators';
import type { CardReaders, ReaderInfo } from '../../src-main/core/oath';

export const PCSC_DOWN_HINT = 'start pcscd: `sudo systemctl start pcscd.socket`';

/** One reader whose virtual key can be pulled out (`key = undefined`) and put back, and whose PC/SC service can stop. */
export class PluggableReader implements CardReaders {
  key: VirtualYubiKey | undefined = VirtualYubiKey.create({
    credentials: [{ issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: Buffer.from('12345678901234567890') }],
  });
  pcscDown = false;
  /** How many times the reader list was asked for. */
  lists = 0;

  async listReaders(): Promise<ReaderInfo[]> {
    this.lists++;
    if (this.pcscDown) throw new TouchroleError('pcsc-unavailable', 'PC/SC unavailable: the PC/SC service (pcscd) is not running', { hint: PCSC_DOWN_HINT });
    return [{ name: 'R', cardPresent: this.key !== undefined }];
  }

  async connect(): Promise<{ transmit(apdu: Uint8Array): Promise<Uint8Array>; close(): Promise<void> }> {
    const key = this.key;
    if (key === undefined) throw new TouchroleError('yubikey-removed', 'removed');
    return { transmit: (apdu) => key.transmit(apdu), close: async () => undefined };
  }
}
