// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { RenewingSession, type DeliveredSession, type SessionRequest, type SessionSource } from '../../../../src-main/core/delivery';
import { ManualClock } from '../../../../src-shared/time/clock';
import { ManualTimers } from '../../../support/manual-timers';

const MIN = 60_000;
const T0 = Date.parse('2026-12-02T10:00:00Z');

function session(key: string, expiration: number): DeliveredSession {
  return { profile: 'prod', roleArn: 'arn:aws:iam::1:role/R', credentials: { accessKeyId: key, secretAccessKey: 's', sessionToken: 't', expiration } };
}

/** A source answering from a script: each call takes the next answer (a session, or an error to throw). */
function scripted(answers: Array<DeliveredSession | Error>): SessionSource & { calls: SessionRequest[] } {
  const calls: SessionRequest[] = [];
  return {
    calls,
    session(_profile, request) {
      calls.push(request);
      const next = answers.shift();
      if (next === undefined) return Promise.reject(new Error('no more answers'));
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

function setup(source: SessionSource, initial: DeliveredSession, retryMs = 30_000) {
  const clock = new ManualClock(T0);
  const timers = new ManualTimers(clock);
  const log: string[] = [];
  const renewing = new RenewingSession({ source, initial, renewBeforeMs: 5 * MIN, durationSeconds: 3600, retryMs, clock, timers, log: (l) => log.push(l) });
  // ManualTimers settles each renewal's promise before it fires the next timer.
  const advance = (ms: number): Promise<void> => timers.advance(ms);
  return { clock, timers, log, renewing, advance };
}

describe('RenewingSession', () => {
  it('renews refresh_minutes before expiry, serving the old session until the new one arrives', async () => {
    const source = scripted([session('NEW', T0 + 120 * MIN)]);
    const { renewing, advance, log } = setup(source, session('OLD', T0 + 60 * MIN));
    expect(renewing.current()?.accessKeyId).toBe('OLD');
    expect(renewing.current()?.roleArn).toBe('arn:aws:iam::1:role/R');
    await advance(55 * MIN - 1);
    expect(source.calls).toHaveLength(0);
    await advance(1);
    expect(source.calls).toEqual([{ minRemainingMs: 6 * MIN, durationSeconds: 3600 }]);
    expect(renewing.current()?.accessKeyId).toBe('NEW');
    expect(log.join('\n')).toMatch(/renewed the session for prod until 2026-12-02T12:00:00.000Z/);
    await renewing.stop();
  });

  it('retries a failed renewal, and serves nothing once the old session expired', async () => {
    const source = scripted([new Error('touch-timeout: no touch'), new Error('still no touch'), session('NEW', T0 + 90 * MIN)]);
    const { renewing, advance, log } = setup(source, session('OLD', T0 + 10 * MIN), 4 * MIN);
    await advance(5 * MIN);
    expect(source.calls).toHaveLength(1);
    expect(log[0]).toMatch(/could not renew the session for prod \(touch-timeout: no touch\); trying again in 240 s/);
    expect(renewing.current()?.accessKeyId).toBe('OLD');
    await advance(4 * MIN);
    expect(source.calls).toHaveLength(2);
    await advance(MIN);
    expect(renewing.current()).toBeUndefined();
    await advance(3 * MIN);
    expect(source.calls).toHaveLength(3);
    expect(renewing.current()?.accessKeyId).toBe('NEW');
    await renewing.stop();
  });

  it('does not loop on a session shorter than the lead: it renews a minute after it arrived', async () => {
    const source = scripted([session('SAME', T0 + 3 * MIN), session('LATER', T0 + 6 * MIN)]);
    const { renewing, advance, timers } = setup(source, session('SHORT', T0 + 3 * MIN));
    await advance(MIN - 1);
    expect(source.calls).toHaveLength(0);
    await advance(1);
    // The same expiry again (a cache hit elsewhere) is not a renewal: try again later.
    expect(renewing.current()?.accessKeyId).toBe('SHORT');
    expect(timers.pendingDelays()).toEqual([30_000]);
    await advance(30_000);
    expect(renewing.current()?.accessKeyId).toBe('LATER');
    await renewing.stop();
  });

  it('stops: no renewal after stop', async () => {
    const source = scripted([session('NEW', T0 + 120 * MIN)]);
    const { renewing, advance } = setup(source, session('OLD', T0 + 60 * MIN));
    await renewing.stop();
    await advance(60 * MIN);
    expect(source.calls).toHaveLength(0);
  });
});
