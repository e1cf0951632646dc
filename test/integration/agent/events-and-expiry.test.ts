// SPDX-License-Identifier: MIT
// Events to subscribed clients over the real socket, and the session timeline driven by a
// manual clock: warnings at the thresholds, expiry removing the managed profile, sleep/resume.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src-shared/agent-protocol';
import { ManualClock } from '../../../src-shared/time/clock';
import { AgentConnection, runAgent, tryAgent, type RunningAgent } from '../../../src-main/core/agent';
import { FakeBackend } from '../../support/fake-backend';
import { ManualTimers } from '../../support/manual-timers';
import { settle } from '../../support/settle';
import { privateDir } from '../../support/agent/raw-client';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MIN = 60_000;

let tmp: { dir: string; cleanup: () => Promise<void> };
let clock: ManualClock;
let timers: ManualTimers;
let backend: FakeBackend;
let agent: RunningAgent;
let socketPath: string;
const connections: AgentConnection[] = [];

beforeEach(async () => {
  tmp = await privateDir();
  socketPath = join(tmp.dir, 'agent.sock');
  clock = new ManualClock(T0);
  timers = new ManualTimers(clock);
  backend = new FakeBackend({ clock: clock });
  agent = await runAgent({ backend, clock, timers, socketPath });
});
afterEach(async () => {
  for (const c of connections.splice(0)) c.close();
  await agent.close();
  await tmp.cleanup();
});

async function subscriber(): Promise<{ events: AgentEvent[]; connection: AgentConnection }> {
  const connection = await AgentConnection.open({ socketPath });
  if (!connection) throw new Error('agent not reachable');
  connections.push(connection);
  const events: AgentEvent[] = [];
  connection.onEvent((e) => events.push(e));
  expect(await connection.call('subscribe', {}, 2000)).toEqual({ subscribed: true });
  return { events, connection };
}

const call = <M extends 'elevate' | 'sessions.end' | 'sessions.renew' | 'sessions.list'>(
  method: M,
  params: Parameters<typeof tryAgent<M>>[0]['params'],
): ReturnType<typeof tryAgent<M>> => tryAgent({ method, params }, { socketPath, timeoutMs: 2000 });

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

const names = (events: AgentEvent[]): string[] =>
  events.map((e) => {
    switch (e.event) {
      case 'touch':
        return `touch ${e.data.state} ${e.data.profile ?? ''}`;
      case 'sessions':
        return `sessions [${e.data.sessions.map((s) => s.profile).join(',')}]`;
      case 'warning':
        return `warning ${e.data.profile} ${e.data.thresholdSeconds}s (${e.data.secondsLeft}s left)`;
      case 'expired':
        return `expired ${e.data.profile} removed=${e.data.removed}${e.data.error ? ` ${e.data.error.code}` : ''}`;
      case 'yubikey':
        return `yubikey ${e.data.state}`;
    }
  });

describe('events', () => {
  it('a subscriber gets the current sessions, touch prompts of any client, and session changes; others get none', async () => {
    const { events } = await subscriber();
    const quiet = await AgentConnection.open({ socketPath });
    if (!quiet) throw new Error('agent not reachable');
    connections.push(quiet);
    const quietEvents: AgentEvent[] = [];
    quiet.onEvent((e) => quietEvents.push(e));
    await quiet.call('ping', {}, 2000);

    await call('elevate', { profile: 'admin', durationSeconds: 3600 });
    await call('sessions.end', { profile: 'admin' });
    await until(() => events.length >= 5);
    expect(names(events)).toEqual(['sessions []', 'touch needed admin', 'touch done admin', 'sessions [admin]', 'sessions []']);
    expect(quietEvents).toEqual([]);
    expect(backend.log).toEqual(['elevate admin', 'end admin']);
  });

  it('the embedding app sees the same events in process', async () => {
    const seen: AgentEvent[] = [];
    agent.onEvent((e) => seen.push(e));
    await call('elevate', { profile: 'admin' });
    expect(names(seen)).toEqual(['touch needed admin', 'touch done admin', 'sessions [admin]']);
  });
});

describe('timeline with a manual clock', () => {
  it('warns at 10 and 2 minutes, then at expiry removes the managed profile and says so', async () => {
    const { events } = await subscriber();
    await call('elevate', { profile: 'admin', durationSeconds: 900 });
    await settle();
    // 15 minutes left: look again in a minute (the tray's "15m" must move).
    expect(timers.pendingDelays()).toEqual([MIN]);
    events.length = 0;

    await timers.advance(5 * MIN);
    await until(() => events.length === 1);
    expect(names(events)).toEqual(['warning admin 600s (600s left)']);
    await timers.advance(8 * MIN);
    await until(() => events.length === 2);
    expect(names(events)[1]).toBe('warning admin 120s (120s left)');
    await timers.advance(MIN);
    expect(timers.pendingDelays()).toEqual([1000]); // the last minute: every second
    await timers.advance(MIN);
    await until(() => events.length === 4);
    expect(names(events).slice(2)).toEqual(['expired admin removed=true', 'sessions []']);
    expect(backend.log).toEqual(['elevate admin', 'expire admin']);
    expect(backend.stored.size).toBe(0);
    expect(agent.sessions()).toEqual([]);
  });

  it('sleep/resume: a wall-clock jump past expiry expires the session on refresh, without stale warnings', async () => {
    const { events } = await subscriber();
    await call('elevate', { profile: 'admin', durationSeconds: 3600 });
    await settle();
    events.length = 0;
    clock.advance(2 * 3600_000); // the laptop slept; no timer fired
    await agent.refresh();
    await until(() => events.length === 2);
    expect(names(events)).toEqual(['expired admin removed=true', 'sessions []']);
    expect(backend.log).toContain('expire admin');
  });

  it('a jump into the last minutes gives one warning, the most urgent', async () => {
    const { events } = await subscriber();
    await call('elevate', { profile: 'admin', durationSeconds: 3600 });
    await settle();
    events.length = 0;
    clock.advance(59 * MIN);
    await agent.refresh();
    await until(() => events.length === 1);
    expect(names(events)).toEqual(['warning admin 120s (60s left)']);
  });

  it('a renewed session is not expired and is warned again', async () => {
    await call('elevate', { profile: 'admin', durationSeconds: 900 });
    await timers.advance(14 * MIN);
    const renewed = await call('sessions.renew', { profile: 'admin' });
    // Renewal repeats the session's duration, as the real backend does.
    expect(renewed?.expiration).toBe(new Date(T0 + 14 * MIN + 900_000).toISOString());
    await timers.advance(2 * MIN);
    expect(backend.log).not.toContain('expire admin');
    expect(agent.sessions().map((s) => s.expiration)).toEqual([renewed?.expiration]);
  });

  it('sessions written by another touchrole process are picked up and expired too', async () => {
    backend.stored.set('cli', { profile: 'cli', expiration: new Date(T0 + 30 * MIN).toISOString() });
    const listed = await call('sessions.list', {});
    expect(listed?.sessions.map((s) => s.profile)).toEqual(['cli']);
    await settle();
    await timers.advance(30 * MIN);
    expect(backend.log).toEqual(['expire cli']);
  });

  it('a failed removal is reported once, not retried every second', async () => {
    const { events } = await subscriber();
    backend.expireFails = true;
    await call('elevate', { profile: 'admin', durationSeconds: 900 });
    await settle();
    events.length = 0;
    await timers.advance(20 * MIN);
    expect(backend.log.filter((c) => c === 'expire admin')).toHaveLength(1);
    await until(() => names(events).includes('expired admin removed=false file-locked'));
  });

  it('ticks every second while a countdown is shown', async () => {
    await call('elevate', { profile: 'admin', durationSeconds: 3600 });
    await settle();
    expect(timers.pendingDelays()).toEqual([MIN]);
    agent.setCountdownShown(true);
    await settle();
    expect(timers.pendingDelays()).toEqual([1000]);
    agent.setCountdownShown(false);
    await settle();
    expect(timers.pendingDelays()).toEqual([MIN]);
  });
});
