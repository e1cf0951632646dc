// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-shared/time/clock';
import type { CardTransport } from '../../../../src-main/core/transport/card-transport';
import { type CardEvent, type CardReaders, CardWatcher, type ReaderChangeListener, type ReaderInfo } from '../../../../src-main/core/transport/readers';
import { ManualTimers } from '../../../support/manual-timers';
import { ReaderChanges } from '../../../support/reader-changes';

class SettableReaders implements CardReaders {
  readers: ReaderInfo[] = [];
  failing = false;
  lists = 0;
  readonly changes = new ReaderChanges();
  async listReaders(): Promise<ReaderInfo[]> {
    this.lists++;
    if (this.failing) throw new Error('PC/SC service not running');
    return this.readers;
  }
  async connect(): Promise<CardTransport> {
    throw new Error('not used');
  }
  watchChanges(listener: ReaderChangeListener): () => void {
    if (this.failing) throw new Error('PC/SC service not running');
    return this.changes.watch(listener);
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function setup(): { readers: SettableReaders; timers: ManualTimers; watcher: CardWatcher; seen: string[] } {
  const readers = new SettableReaders();
  const timers = new ManualTimers(new ManualClock(0));
  const watcher = new CardWatcher(readers, { timers });
  const seen: string[] = [];
  watcher.on('change', (e: CardEvent) => seen.push(`${e.type}:${e.reader}`));
  watcher.on('recovered', () => seen.push('recovered'));
  watcher.on('error', () => seen.push('error'));
  return { readers, timers, watcher, seen };
}

describe('CardWatcher', () => {
  it('emits inserted and removed relative to the first snapshot', async () => {
    const { readers, watcher } = setup();
    readers.readers = [
      { name: 'A', cardPresent: true },
      { name: 'B', cardPresent: false },
    ];
    await watcher.start();
    try {
      expect(await watcher.poll()).toEqual([]);
      readers.readers = [
        { name: 'A', cardPresent: false },
        { name: 'B', cardPresent: true },
        { name: 'C', cardPresent: true },
      ];
      expect(await watcher.poll()).toEqual([
        { type: 'inserted', reader: 'B' },
        { type: 'inserted', reader: 'C' },
        { type: 'removed', reader: 'A' },
      ]);
    } finally {
      watcher.stop();
    }
  });

  it('lists the readers only when they report a change: no timer while nothing happens', async () => {
    const { readers, timers, watcher, seen } = setup();
    readers.readers = [{ name: 'A', cardPresent: false }];
    await watcher.start();
    expect(readers.changes.watching).toBe(1);
    await timers.advance(3_600_000);
    expect(readers.lists).toBe(1);
    expect(timers.pendingDelays()).toEqual([]);
    readers.readers = [{ name: 'A', cardPresent: true }];
    readers.changes.changed();
    await settle();
    readers.readers = [];
    readers.changes.changed();
    await settle();
    expect(seen).toEqual(['inserted:A', 'removed:A']);
    watcher.stop();
    expect(readers.changes.watching).toBe(0);
  });
});

describe('CardWatcher while PC/SC fails', () => {
  it('reports the failure, forgets the cards, and on recovery says so, re-announces the cards present and watches again', async () => {
    const { readers, timers, watcher, seen } = setup();
    readers.readers = [{ name: 'A', cardPresent: true }];
    await watcher.start();
    try {
      readers.failing = true;
      readers.changes.failed(new Error('PC/SC service not running'));
      expect(seen).toEqual(['error']);
      // Looks again after 1 s, then 2 s, 4 s ...: at most once a minute however long PC/SC stays away.
      expect(timers.pendingDelays()).toEqual([1000]);
      await timers.advance(1000);
      await settle();
      expect(timers.pendingDelays()).toEqual([2000]);
      for (let i = 0; i < 10; i++) {
        await timers.advance(timers.pendingDelays()[0] ?? 0);
        await settle();
      }
      expect(timers.pendingDelays()).toEqual([60_000]);
      readers.failing = false;
      await timers.advance(60_000);
      await settle();
      expect(seen.filter((s) => s !== 'error')).toEqual(['recovered', 'inserted:A']);
      expect(readers.changes.watching).toBe(1);
      expect(timers.pendingDelays()).toEqual([]);
      // A later outage starts again at 1 s.
      readers.changes.failed(new Error('PC/SC service not running'));
      expect(timers.pendingDelays()).toEqual([1000]);
    } finally {
      watcher.stop();
    }
    expect(timers.pendingDelays()).toEqual([]);
  });

  it('keeps trying when the first snapshot fails, and stop() ends it', async () => {
    const { readers, timers, watcher, seen } = setup();
    readers.failing = true;
    await expect(watcher.start()).rejects.toThrow('service not running');
    await timers.advance(1000);
    await settle();
    expect(seen).toEqual(['error']);
    readers.failing = false;
    await timers.advance(2000);
    await settle();
    expect(seen).toEqual(['error', 'recovered']);
    expect(readers.changes.watching).toBe(1);
    watcher.stop();
    expect(readers.changes.watching).toBe(0);
  });

  it('a reader source that cannot watch (the demo key) is listed once and never polled', async () => {
    const readers: CardReaders = { listReaders: async () => [{ name: 'demo', cardPresent: true }], connect: () => Promise.reject(new Error('not used')) };
    const timers = new ManualTimers(new ManualClock(0));
    const watcher = new CardWatcher(readers, { timers });
    await watcher.start();
    expect(timers.pendingDelays()).toEqual([]);
    watcher.stop();
  });
});
