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
    readers.readers = [{ name: 'A', cardPresent: true }, { name: 'B', cardPresent: false }];
    const watcher = new CardWatcher(readers, 60_000);
    const seen: CardEvent[] = [];
    watcher.on('change', (e) => seen.push(e));
    await watcher.start();
    try {
      expect(await watcher.poll()).toEqual([]);
      readers.readers = [{ name: 'A', cardPresent: false }, { name: 'B', cardPresent: true }, { name: 'C', cardPresent: true }];
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
