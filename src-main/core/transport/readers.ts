// SPDX-License-Identifier: MIT
/**
 * The reader side of smart-card access, as a port: list readers, connect to the card in one,
 * and hear of readers and cards coming and going. PC/SC (pcsc.ts) is the real implementation;
 * discovery and the watcher only see this.
 */
import { EventEmitter } from 'node:events';
import type { Timers } from '../../../src-shared/time/timers';
import { systemTimers } from '../agent/session-keeper';
import type { CardTransport } from './card-transport';

export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
}

export interface ReaderChangeListener {
  /** A reader or a card came or went: list the readers again. */
  changed(): void;
  /** Watching failed (PC/SC went away) and has ended. */
  failed(error: unknown): void;
}

export interface CardReaders {
  /** Every reader PC/SC knows, with or without a card. */
  listReaders(): Promise<ReaderInfo[]>;
  /** Connect (shared mode) to the card in `reader`. */
  connect(reader: string): Promise<CardTransport>;
  /**
   * Tells `listener` whenever a reader or card comes or goes, without a JS timer (PC/SC waits in
   * a native thread); returns the function that ends it. Throws when PC/SC cannot be reached.
   * Absent where nothing comes or goes by itself (the demo's in-process key).
   */
  watchChanges?(listener: ReaderChangeListener): () => void;
}

export interface CardEvent {
  type: 'inserted' | 'removed';
  reader: string;
}

export interface CardWatcherOptions {
  timers?: Timers;
  /** After PC/SC failed, look again after this long, doubling each time up to maxRetryMs (defaults 1 s and 60 s). */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Insert/remove events by comparing reader snapshots, taken when the readers report a change
 * (no polling: while nothing changes, no timer of this class runs). `stop()` ends it.
 * When PC/SC fails it emits 'error', forgets the cards and looks again after 1, 2, 4 ... s (at
 * most once a minute); the first snapshot that works again emits 'recovered', then 'inserted'
 * for every card present, and watching resumes.
 */
export class CardWatcher extends EventEmitter<{ change: [CardEvent]; error: [unknown]; recovered: [] }> {
  private present = new Set<string>();
  private stopped = false;
  private failing = false;
  private unwatch: (() => void) | undefined;
  private retryTimer: unknown;
  private retries = 0;
  private polls: Promise<void> = Promise.resolve();
  private readonly timers: Timers;

  constructor(
    private readonly readers: CardReaders,
    private readonly options: CardWatcherOptions = {},
  ) {
    super();
    this.timers = options.timers ?? systemTimers;
  }

  /** Takes the first snapshot (no events for cards already present), then watches; when that snapshot fails (rejected) it keeps trying. */
  async start(): Promise<void> {
    try {
      this.present = await this.snapshot();
    } catch (e) {
      this.failing = true;
      this.retryLater();
      throw e;
    }
    this.watch();
  }

  stop(): void {
    this.stopped = true;
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
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

  private watch(): void {
    if (this.stopped || this.readers.watchChanges === undefined) return;
    try {
      this.unwatch = this.readers.watchChanges({ changed: () => this.changed(), failed: (e) => this.failed(e) });
      this.retries = 0;
    } catch (e) {
      this.failed(e);
    }
  }

  /** One snapshot at a time, in the order the changes came. */
  private changed(): void {
    this.polls = this.polls.then(async () => {
      if (this.stopped) return;
      await this.poll().catch((e: unknown) => this.emit('error', e));
    });
  }

  private failed(e: unknown): void {
    this.unwatch?.();
    this.unwatch = undefined;
    if (this.stopped || this.retryTimer !== undefined) return;
    this.failing = true;
    this.present = new Set();
    this.emit('error', e);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    const delay = Math.min((this.options.retryMs ?? 1000) * 2 ** this.retries, this.options.maxRetryMs ?? 60_000);
    this.retries++;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      this.poll().then(
        () => this.watch(),
        (e: unknown) => {
          if (this.stopped) return;
          this.emit('error', e);
          this.retryLater();
        },
      );
    }, delay);
  }
}
