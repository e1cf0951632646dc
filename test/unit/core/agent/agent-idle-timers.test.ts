// SPDX-License-Identifier: MIT
/**
 * Issue #12: an idle agent wakes at most once a minute. The agent (runAgent over the real service
 * backend, its socket, a credentials file with 10 touchrole sessions far from expiry, the YubiKey
 * watched since a status request, as the tray makes) runs an hour of fake time; every JS timer that
 * fires is recorded (vitest fake timers behind the global setTimeout/setInterval, so a timer the
 * agent does not take from its injected Timers is caught too). Then the first session enters its
 * warning window, and the warnings and the expiry still come on the dot.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentEvent } from '../../../../src-shared/agent-protocol';
import { upsertManagedSection } from '../../../../src-shared/aws-ini';
import { systemClock } from '../../../../src-shared/time/clock';
import { memoryKeychain, VirtualYubiKey } from '../../../../src-emulators';
import { runAgent, type RunningAgent } from '../../../../src-main/core/agent';
import { OathClient, type CardReaders, type ReaderChangeListener, type ReaderInfo } from '../../../../src-main/core/oath';
import { createServiceAgent } from '../../../../src-main/core/service';
import { makeTempUser, type TempUser } from '../../../support/cli-harness';
import { ReaderChanges } from '../../../support/reader-changes';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.parse('2026-11-23T10:00:00Z');
/** Session i expires 2 h + i min after the start: its 10-minute warning comes at 1 h 50 min + i min. */
const expiryOf = (i: number): number => START + 2 * HOUR + i * MIN;

/** One reader with the virtual key in it; it tells its watchers of changes, as PC/SC's monitor does. */
class OneReader implements CardReaders {
  readonly key = VirtualYubiKey.create({
    credentials: [{ issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/alice', secret: Buffer.from('12345678901234567890') }],
  });
  readonly changes = new ReaderChanges();
  lists = 0;
  async listReaders(): Promise<ReaderInfo[]> {
    this.lists++;
    return [{ name: 'R', cardPresent: true }];
  }
  async connect(): Promise<{ transmit(apdu: Uint8Array): Promise<Uint8Array>; close(): Promise<void> }> {
    return { transmit: (apdu) => this.key.transmit(apdu), close: async () => undefined };
  }
  watchChanges(listener: ReaderChangeListener): () => void {
    return this.changes.watch(listener);
  }
}

/** Wraps the (fake) global timers so that each firing is recorded with the fake time it fired at. */
function recordFirings(): Array<{ at: number; delay: number }> {
  const fired: Array<{ at: number; delay: number }> = [];
  const fakeTimeout = globalThis.setTimeout;
  const fakeInterval = globalThis.setInterval;
  const wrap =
    <A extends unknown[]>(fn: (...args: A) => void, delay: number | undefined) =>
    (...args: A): void => {
      fired.push({ at: Date.now(), delay: delay ?? 0 });
      fn(...args);
    };
  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) =>
    fakeTimeout(wrap(fn, delay), delay, ...args)) as typeof setTimeout;
  globalThis.setInterval = ((fn: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) =>
    fakeInterval(wrap(fn, delay), delay, ...args)) as typeof setInterval;
  return fired;
}

/** Lets real I/O (file writes of an expiry) finish while fake time stands still. */
async function realWait(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!condition() && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

let user: TempUser;
let agent: RunningAgent | undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: START });
  let credentials = '';
  for (let i = 0; i < 10; i++) {
    credentials = upsertManagedSection(credentials, `role${i}-touchrole`, {
      accessKeyId: `ASIAEXAMPLE${i}`,
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiresAt: expiryOf(i),
    });
  }
  user = makeTempUser();
  writeFileSync(join(user.awsDir, 'credentials'), credentials, { mode: 0o600 });
});

afterEach(async () => {
  await agent?.close();
  agent = undefined;
  vi.useRealTimers();
  rmSync(user.home, { recursive: true, force: true });
});

describe('idle agent (issue #12)', () => {
  it('with 10 sessions far from expiry, no timer fires more often than once a minute for an hour; warnings and expiry then come on time', async () => {
    const reader = new OneReader();
    const client = new OathClient({ readers: reader, keychain: memoryKeychain() });
    const env = { ...user.env, AWS_CONFIG_FILE: join(user.awsDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(user.awsDir, 'credentials') };
    const { backend } = createServiceAgent({ env, clock: systemClock, keychain: memoryKeychain(), oath: async () => client });
    const fired = recordFirings();
    agent = await runAgent({ backend, clock: systemClock, env, socketPath: join(user.home, 'agent.sock') });
    const events: Array<{ at: number; event: AgentEvent }> = [];
    agent.onEvent((event) => events.push({ at: Date.now(), event }));
    expect(agent.sessions().map((s) => s.profile)).toHaveLength(10);
    // The tray asks for the YubiKey state: from now on the reader is watched.
    expect((await backend.status()).yubikey).toBe('ready');
    // One listing for the state, one for the watcher's first snapshot.
    await realWait(() => reader.lists >= 2);
    const listsBefore = reader.lists;

    await vi.advanceTimersByTimeAsync(HOUR);

    const times = fired.map((f) => f.at);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(times.length).toBeGreaterThan(0);
    expect(times.length).toBeLessThanOrEqual(60);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN);
    expect((times[0] ?? 0) - START).toBeGreaterThanOrEqual(MIN);
    expect(reader.lists).toBe(listsBefore); // the readers were not polled
    expect(events.filter((e) => e.event.event === 'warning' || e.event.event === 'expired')).toEqual([]);

    // Into the first session's warning window, and through its expiry.
    await vi.advanceTimersByTimeAsync(expiryOf(0) - Date.now());
    await realWait(() => events.some((e) => e.event.event === 'expired'));
    const role0 = events.filter((e) => (e.event.event === 'warning' || e.event.event === 'expired') && e.event.data.profile === 'role0');
    expect(role0.map((e) => [e.event.event, e.at - expiryOf(0)])).toEqual([
      ['warning', -10 * MIN],
      ['warning', -2 * MIN],
      ['expired', 0],
    ]);
    expect(agent.sessions()).toHaveLength(9);
  }, 30_000);
});
