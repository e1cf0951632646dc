// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../src-shared/errors';
import { VirtualYubiKey } from '../../src-emulators';
import type { CardReaders, ReaderChangeListener, ReaderInfo } from '../../src-main/core/oath';
import { ReaderChanges } from './reader-changes';

export const PCSC_DOWN_HINT = 'start pcscd: `sudo systemctl start pcscd.socket`';

const pcscUnavailable = (): TouchroleError =>
  new TouchroleError('pcsc-unavailable', 'PC/SC unavailable: the PC/SC service (pcscd) is not running', { hint: PCSC_DOWN_HINT });

/**
 * One reader whose virtual key can be pulled out (`key = undefined`) and put back, and whose PC/SC
 * service can stop; it tells its watchers, as PC/SC's reader monitor would.
 */
export class PluggableReader implements CardReaders {
  private plugged: VirtualYubiKey | undefined = VirtualYubiKey.create({
    credentials: [{ issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: Buffer.from('12345678901234567890') }],
  });
  private down = false;
  readonly changes = new ReaderChanges();
  /** How many times the reader list was asked for. */
  lists = 0;

  get key(): VirtualYubiKey | undefined {
    return this.plugged;
  }
  set key(key: VirtualYubiKey | undefined) {
    this.plugged = key;
    this.changes.changed();
  }
  get pcscDown(): boolean {
    return this.down;
  }
  set pcscDown(down: boolean) {
    this.down = down;
    if (down) this.changes.failed(pcscUnavailable());
  }

  async listReaders(): Promise<ReaderInfo[]> {
    this.lists++;
    if (this.down) throw pcscUnavailable();
    return [{ name: 'R', cardPresent: this.plugged !== undefined }];
  }

  async connect(): Promise<{ transmit(apdu: Uint8Array): Promise<Uint8Array>; close(): Promise<void> }> {
    const key = this.plugged;
    if (key === undefined) throw new TouchroleError('yubikey-removed', 'removed');
    return { transmit: (apdu) => key.transmit(apdu), close: async () => undefined };
  }

  watchChanges(listener: ReaderChangeListener): () => void {
    if (this.down) throw pcscUnavailable();
    return this.changes.watch(listener);
  }
}
