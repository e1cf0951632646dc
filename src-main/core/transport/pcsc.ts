// SPDX-License-Identifier: MIT
/**
 * PC/SC through the `smartcard` N-API binding: the only file that imports it. Lists readers,
 * connects in shared mode (so gpg-agent or Yubico Authenticator can coexist), transmits, and
 * turns PC/SC failures into TouchroleErrors (pcsc-errors.ts). Watches readers and cards with the
 * binding's ReaderMonitor: SCardGetStatusChange blocks in its own native thread and wakes on a
 * change, so watching costs no JS timer.
 */
import * as smartcard from 'smartcard';
import type { CardTransport } from './card-transport';
import { isServiceDown, isSharingViolation, mapPcscError, messageOf, pcscUnavailable, yubikeyRemoved } from './pcsc-errors';
import type { CardReaders, ReaderChangeListener, ReaderInfo } from './readers';

type Card = smartcard.CardInterface;

export interface PcscOptions {
  /** How long to keep retrying a connect refused with a sharing violation (default 1500 ms). */
  busyRetryMs?: number;
  busyRetryIntervalMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class PcscTransport implements CardTransport {
  constructor(
    private readonly card: Card,
    private readonly reader: string,
    private readonly release: () => void,
  ) {}

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    try {
      // 64 KiB receive buffer: the YubiKey chains at 256 bytes, but some readers do not.
      const reply = await this.card.transmit(Buffer.from(apdu), { maxRecvLength: 65538 });
      // No status word at all: the card went away mid-command (vpcd and some readers report
      // removal as an empty answer rather than an error).
      if (reply.length < 2) throw yubikeyRemoved(this.reader);
      return new Uint8Array(reply);
    } catch (e) {
      throw mapPcscError(e, this.reader);
    }
  }

  async close(): Promise<void> {
    try {
      if (this.card.connected) this.card.disconnect(smartcard.SCARD_LEAVE_CARD);
    } catch {
      // Disconnecting a card already pulled out fails; there is nothing left to release.
    } finally {
      this.release();
    }
  }
}

export class PcscReaders implements CardReaders {
  private readonly busyRetryMs: number;
  private readonly busyRetryIntervalMs: number;

  constructor(options: PcscOptions = {}) {
    this.busyRetryMs = options.busyRetryMs ?? 1500;
    this.busyRetryIntervalMs = options.busyRetryIntervalMs ?? 150;
  }

  async listReaders(): Promise<ReaderInfo[]> {
    const ctx = openContext();
    try {
      return ctx.listReaders().map((r) => ({
        name: r.name,
        cardPresent: (r.state & smartcard.SCARD_STATE_PRESENT) !== 0 && (r.state & smartcard.SCARD_STATE_MUTE) === 0,
      }));
    } catch (e) {
      throw mapPcscError(e, '(all readers)');
    } finally {
      ctx.close();
    }
  }

  watchChanges(listener: ReaderChangeListener): () => void {
    const monitor = new smartcard.ReaderMonitor();
    let live = true;
    const end = (): void => {
      if (!live) return;
      live = false;
      monitor.stop();
    };
    try {
      monitor.start((event) => {
        if (!live) return;
        if (event.type !== 'error') return listener.changed();
        // PC/SC went away: this monitor's context is dead for good, so it ends here (the caller
        // starts a new one once PC/SC answers). Stopping joins its thread, which sleeps up to 1 s after a failure.
        end();
        listener.failed(mapPcscError(new Error(event.reader), '(all readers)'));
      });
    } catch (e) {
      throw isServiceDown(messageOf(e)) ? pcscUnavailable(e) : mapPcscError(e, '(all readers)');
    }
    return end;
  }

  async connect(readerName: string): Promise<CardTransport> {
    const ctx = openContext();
    let retriesLeft = Math.ceil(this.busyRetryMs / this.busyRetryIntervalMs);
    try {
      const reader = ctx.listReaders().find((r) => r.name === readerName);
      if (!reader) throw yubikeyRemoved(readerName);
      for (;;) {
        try {
          const card = await reader.connect(smartcard.SCARD_SHARE_SHARED, smartcard.SCARD_PROTOCOL_T0 | smartcard.SCARD_PROTOCOL_T1);
          return new PcscTransport(card, readerName, () => ctx.close());
        } catch (e) {
          // Another client holding the card exclusively usually lets go within moments.
          if (!isSharingViolation(messageOf(e)) || retriesLeft-- <= 0) throw e;
          await sleep(this.busyRetryIntervalMs);
        }
      }
    } catch (e) {
      ctx.close();
      throw mapPcscError(e, readerName);
    }
  }
}

function openContext(): smartcard.ContextInterface {
  try {
    return new smartcard.Context();
  } catch (e) {
    throw isServiceDown(messageOf(e)) ? pcscUnavailable(e) : mapPcscError(e, '(PC/SC context)');
  }
}
