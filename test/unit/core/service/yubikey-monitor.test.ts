// SPDX-License-Identifier: MIT
/** The agent's YubiKey state follows inserts, removals and PC/SC outages, watched lazily. */
import { afterEach, describe, expect, it } from 'vitest';
import type { YubikeyState } from '../../../../src-shared/models';
import { TouchroleError } from '../../../../src-shared/errors';
import { systemClock } from '../../../../src-shared/time/clock';
import { PluggableReader, PCSC_DOWN_HINT } from '../../../support/pluggable-reader';
import { FakeKeychain } from '../../../support/fake-keychain';
import { OathClient } from '../../../../src-main/core/oath';
import { YubikeyMonitor } from '../../../../src-main/core/service/yubikey-monitor';

let monitor: YubikeyMonitor | undefined;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
afterEach(() => monitor?.close());

function setup(reader: PluggableReader): { changes: YubikeyState[]; next: (state: YubikeyState) => Promise<void> } {
  const changes: YubikeyState[] = [];
  const waiters: Array<{ state: YubikeyState; resolve: () => void }> = [];
  const client = new OathClient({ readers: reader, keychain: new FakeKeychain() });
  monitor = new YubikeyMonitor({
    oath: async () => client,
    clock: systemClock,
    watch: { retryMs: 10 },
    onChange: (state) => {
      changes.push(state);
      for (const w of waiters.filter((x) => x.state === state)) w.resolve();
    },
  });
  const next = (state: YubikeyState): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no change to ${state} within 1 s (saw ${changes.join(', ')})`)), 1000);
      waiters.push({ state, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return { changes, next };
}

describe('YubikeyMonitor', () => {
  it('does not touch the readers before the first read, then pushes removal and re-insertion by itself', async () => {
    const reader = new PluggableReader();
    const { changes, next } = setup(reader);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reader.lists).toBe(0);
    expect((await monitor?.read())?.state).toBe('ready');
    const key = reader.key;
    const none = next('none');
    reader.key = undefined;
    await none;
    const ready = next('ready');
    reader.key = key;
    await ready;
    expect(changes).toEqual(['ready', 'none', 'ready']);
  });

  it('says PC/SC is unavailable (with the fix), and recovers when it is back', async () => {
    const reader = new PluggableReader();
    const { changes, next } = setup(reader);
    await monitor?.read();
    const unavailable = next('unavailable');
    reader.pcscDown = true;
    await unavailable;
    const reading = await monitor?.read();
    expect(reading).toMatchObject({ state: 'unavailable', problem: { code: 'pcsc-unavailable', hint: PCSC_DOWN_HINT } });
    const ready = next('ready');
    reader.pcscDown = false;
    await ready;
    expect(changes).toEqual(['ready', 'unavailable', 'ready']);
  });

  it('close() stops watching', async () => {
    const reader = new PluggableReader();
    setup(reader);
    await monitor?.read();
    await until(() => reader.changes.watching === 1);
    monitor?.close();
    expect(reader.changes.watching).toBe(0);
    const lists = reader.lists;
    reader.key = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.lists).toBe(lists);
  });

  it('a client that fails to load is unavailable, and is tried again on the next read', async () => {
    const reader = new PluggableReader();
    const client = new OathClient({ readers: reader, keychain: new FakeKeychain() });
    let broken = true;
    monitor = new YubikeyMonitor({
      oath: async () => {
        if (broken) throw new TouchroleError('pcsc-unavailable', 'PC/SC unavailable: the PC/SC binding (smartcard) could not be loaded (x)');
        return client;
      },
      clock: systemClock,
      watch: { retryMs: 10 },
      onChange: () => undefined,
    });
    expect((await monitor.read()).state).toBe('unavailable');
    broken = false;
    expect((await monitor.read()).state).toBe('ready');
    // and the watcher started on that second read
    await until(() => reader.changes.watching === 1);
  });
});
