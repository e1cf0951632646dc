// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { CardTransport } from '../../../../src-main/core/transport/card-transport';
import { type CardEvent, type CardReaders, CardWatcher, type ReaderInfo } from '../../../../src-main/core/transport/readers';

class SettableReaders implements CardReaders {
  readers: ReaderInfo[] = [];
  async listReaders(): Promise<ReaderInfo[]> {
    return this.readers;
  }
  async connect(): Promise<CardTransport> {
    throw new Error('not used');
  }
}

describe('CardWatcher', () => {
  it('emits inserted and removed relative to the first snapshot', async () => {
    const readers = new SettableReaders();
    readers.readers = [
      { name: 'A', cardPresent: true },
      { name: 'B', cardPresent: false },
    ];
    const watcher = new CardWatcher(readers, 60_000);
    const seen: CardEvent[] = [];
    watcher.on('change', (e) => seen.push(e));
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
      readers.readers = [];
      await watcher.poll();
      expect(seen.map((e) => `${e.type}:${e.reader}`)).toEqual(['inserted:B', 'inserted:C', 'removed:A', 'removed:B', 'removed:C']);
    } finally {
      watcher.stop();
    }
  });
});

class FailingReaders extends SettableReaders {
  failing = false;
  override async listReaders(): Promise<ReaderInfo[]> {
    if (this.failing) throw new Error('PC/SC service not running');
    return super.listReaders();
  }
}

describe('CardWatcher while PC/SC fails', () => {
  it('reports the failure, forgets the cards, and on recovery says so and re-announces the cards present', async () => {
    const readers = new FailingReaders();
    readers.readers = [{ name: 'A', cardPresent: true }];
    const watcher = new CardWatcher(readers, 60_000);
    const seen: string[] = [];
    watcher.on('change', (e) => seen.push(`${e.type}:${e.reader}`));
    watcher.on('recovered', () => seen.push('recovered'));
    await watcher.start();
    try {
      readers.failing = true;
      await expect(watcher.poll()).rejects.toThrow('service not running');
      readers.failing = false;
      await watcher.poll();
      expect(seen).toEqual(['recovered', 'inserted:A']);
    } finally {
      watcher.stop();
    }
  });

  it('keeps polling when the first snapshot fails, and stop() ends it', async () => {
    const readers = new FailingReaders();
    readers.failing = true;
    const watcher = new CardWatcher(readers, 5);
    const errors: unknown[] = [];
    watcher.on('error', (e) => errors.push(e));
    await expect(watcher.start()).rejects.toThrow('service not running');
    const recovered = new Promise<void>((resolve) => watcher.once('recovered', resolve));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(errors.length).toBeGreaterThan(0);
    readers.failing = false;
    await recovered;
    watcher.stop();
  });
});
