// SPDX-License-Identifier: MIT
/**
 * The reader side of smart-card access, as a port: list readers, connect to the card in one.
 * PC/SC (pcsc.ts) is the real implementation; discovery and the watcher only see this.
 */
import { EventEmitter } from 'node:events';
import type { CardTransport } from './card-transport';

export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
}

export interface CardReaders {
  /** Every reader PC/SC knows, with or without a card. */
  listReaders(): Promise<ReaderInfo[]>;
  /** Connect (shared mode) to the card in `reader`. */
  connect(reader: string): Promise<CardTransport>;
}

export interface CardEvent {
  type: 'inserted' | 'removed';
  reader: string;
}

/**
 * Insert/remove events by comparing reader snapshots; `stop()` ends it (no timers left behind).
 * While listing fails (pcscd stopped) it emits 'error' each poll and knows no cards; the first
 * poll that works again emits 'recovered', then 'inserted' for every card present.
 */
export class CardWatcher extends EventEmitter<{ change: [CardEvent]; error: [unknown]; recovered: [] }> {
  private timer: NodeJS.Timeout | undefined;
  private present = new Set<string>();
  private stopped = false;
  private failing = false;

  constructor(
    private readonly readers: CardReaders,
    private readonly intervalMs = 1000,
  ) {
    super();
  }

  /** Takes the first snapshot (no events for cards already present), then polls; polling goes on even when the first snapshot fails (rejected). */
  async start(): Promise<void> {
    try {
      this.present = await this.snapshot();
    } catch (e) {
      this.failing = true;
      throw e;
    } finally {
      this.schedule();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Compare with the previous snapshot and emit the differences; exposed for tests and one-shot checks. */
  async poll(): Promise<CardEvent[]> {
    let now: Set<string>;
    try {
      now = await this.snapshot();
    } catch (e) {
      this.failing = true;
      this.present = new Set();
      throw e;
    }
    if (this.failing) {
      this.failing = false;
      this.emit('recovered');
    }
    const events: CardEvent[] = [];
    for (const r of now) if (!this.present.has(r)) events.push({ type: 'inserted', reader: r });
    for (const r of this.present) if (!now.has(r)) events.push({ type: 'removed', reader: r });
    this.present = now;
    for (const e of events) this.emit('change', e);
    return events;
  }

  private async snapshot(): Promise<Set<string>> {
    return new Set((await this.readers.listReaders()).filter((r) => r.cardPresent).map((r) => r.name));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll().then(
        () => this.schedule(),
        (e: unknown) => {
          this.emit('error', e);
          this.schedule();
        },
      );
    }, this.intervalMs);
    this.timer.unref();
  }
}
