// SPDX-License-Identifier: MIT
/** Insert/remove events from the real pcscd, watched through touchrole's PC/SC readers. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaders } from '../../../src-main/core/transport/pcsc';
import type { ReaderInfo } from '../../../src-main/core/transport/readers';
import { type CardEvent, CardWatcher } from '../../../src-main/core/transport/readers';
import { requireReader, waitForCard } from '../../support/pcscd';
import { readerNameForPort, testVpcdPort } from '../../support/virtual-yubikey';
import { OutOfProcessYubiKey } from '../../support/virtual-yubikey/virtual-key-process';

const port = testVpcdPort();
const reader = readerNameForPort(port);
let key: OutOfProcessYubiKey | undefined;
let watcher: CardWatcher | undefined;

class CountingReaders extends PcscReaders {
  lists = 0;
  override async listReaders(): Promise<ReaderInfo[]> {
    this.lists++;
    return super.listReaders();
  }
}

function nextEvent(w: CardWatcher, type: CardEvent['type']): Promise<CardEvent> {
  return new Promise((resolve) => {
    const on = (e: CardEvent): void => {
      if (e.reader !== reader || e.type !== type) return;
      w.off('change', on);
      resolve(e);
    };
    w.on('change', on);
  });
}

beforeAll(async () => {
  const state = await requireReader(reader);
  if (state.cardPresent) throw new Error(`"${reader}" already holds a card: another test run is using port ${port}`);
});

afterEach(async () => {
  watcher?.stop();
  await key?.stop();
  key = undefined;
  await waitForCard(reader, false);
});

describe('CardWatcher on pcscd', () => {
  it('reports insert, remove and re-insert of the virtual YubiKey', async () => {
    const w = new CardWatcher(new PcscReaders());
    watcher = w;
    await w.start();
    const inserted = nextEvent(w, 'inserted');
    key = await OutOfProcessYubiKey.start({ port, credentials: [] });
    expect(await inserted).toEqual({ type: 'inserted', reader });
    const removed = nextEvent(w, 'removed');
    await key.remove();
    expect(await removed).toEqual({ type: 'removed', reader });
    const back = nextEvent(w, 'inserted');
    await key.insert();
    expect(await back).toEqual({ type: 'inserted', reader });
  });

  it('lists the readers only when pcscd reports a change: idle, nothing is polled (issue #12)', async () => {
    const counting = new CountingReaders();
    const w = new CardWatcher(counting);
    watcher = w;
    await w.start();
    // The monitor announces the readers present once as it starts.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const settled = counting.lists;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(counting.lists).toBe(settled);
    const inserted = nextEvent(w, 'inserted');
    key = await OutOfProcessYubiKey.start({ port, credentials: [] });
    expect(await inserted).toEqual({ type: 'inserted', reader });
    expect(counting.lists).toBeGreaterThan(settled);
  }, 15_000);
});
