// SPDX-License-Identifier: MIT
/**
 * The agent's view of the YubiKey: computed on request, and kept current between requests by a
 * CardWatcher over the same readers, so inserting or removing a key (or pcscd stopping and
 * starting) reaches subscribers without anyone asking. The watcher is told of changes by PC/SC
 * (no polling: an idle agent runs no timer for it). It starts on the first request, so PC/SC is
 * loaded only once something needs the YubiKey.
 */
import type { YubikeyState } from '../../../src-shared/models';
import { isTouchroleError, type WireError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import type { CardWatcher, CardWatcherOptions, KeyListing, OathClient } from '../oath';

export interface YubikeyMonitorOptions {
  oath: () => Promise<OathClient>;
  clock: Clock;
  /** Told each time the state differs from the last one reported. */
  onChange: (state: YubikeyState) => void;
  /** Timers and back-off for looking again after PC/SC failed (default: 1 s doubling up to a minute). */
  watch?: CardWatcherOptions;
  log?: (line: string) => void;
}

export interface YubikeyReading {
  state: YubikeyState;
  /** Why the state is 'unavailable' or 'unknown'. */
  problem?: WireError;
  /** The keys the reading listed to find its state: a panel shows them without asking the card again. */
  keys?: KeyListing[];
}

export class YubikeyMonitor {
  private last: YubikeyState | undefined;
  private watcher: CardWatcher | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly o: YubikeyMonitorOptions) {}

  /** The state now (read fresh: a key unlocked elsewhere turns from locked to ready); starts watching. */
  async read(): Promise<YubikeyReading> {
    this.watch().catch((e: unknown) => this.o.log?.(`yubikey watch: ${e instanceof Error ? e.message : typeof e}`));
    return this.refresh();
  }

  close(): void {
    this.closed = true;
    this.watcher?.stop();
    this.watcher = undefined;
  }

  private async refresh(): Promise<YubikeyReading> {
    const reading = await this.compute();
    this.report(reading.state);
    return reading;
  }

  private report(state: YubikeyState): void {
    if (this.closed || state === this.last) return;
    this.last = state;
    this.o.onChange(state);
  }

  private async compute(): Promise<YubikeyReading> {
    try {
      const keys = await (await this.o.oath()).listKeys({ nowMs: this.o.clock.now() });
      if (keys.length === 0) return { state: 'none' };
      return { state: keys.some((k) => k.credentials === undefined) ? 'locked' : 'ready', keys };
    } catch (e) {
      if (!isTouchroleError(e)) return { state: 'unknown' };
      if (e.code === 'yubikey-not-found') return { state: 'none' };
      if (e.code === 'oath-locked') return { state: 'locked' };
      if (e.code === 'pcsc-unavailable') return { state: 'unavailable', problem: e.toWire() };
      return { state: 'unknown', problem: e.toWire() };
    }
  }

  /** Starts the watcher once; a client that failed to load is tried again on the next read. */
  private watch(): Promise<void> {
    if (this.closed || this.watcher) return Promise.resolve();
    this.starting ??= this.startWatcher().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startWatcher(): Promise<void> {
    let client: OathClient;
    try {
      client = await this.o.oath();
    } catch {
      return; // read() reports it ('unavailable'); the next read tries again
    }
    if (this.closed || this.watcher) return;
    const watcher = client.watchReaders(this.o.watch);
    this.watcher = watcher;
    const refresh = (): void => void this.refresh().catch((e: unknown) => this.o.log?.(`yubikey state: ${e instanceof Error ? e.message : typeof e}`));
    watcher.on('change', refresh);
    watcher.on('recovered', refresh);
    // Listing failed: PC/SC went away (reported once, as the state changes), or a passing glitch (refresh decides).
    watcher.on('error', () => {
      if (this.last !== 'unavailable') refresh();
    });
    await watcher.start().catch(() => undefined);
  }
}
