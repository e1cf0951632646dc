// SPDX-License-Identifier: MIT
/**
 * Issue #12 for the tray: with 10 sessions far from expiry and no window showing, its one timer
 * (the Ticker) fires at most once a minute for an hour; it ticks every second only while the
 * window shows a countdown, and still wakes for a warning that falls between two minute ticks.
 */
import { describe, expect, it } from 'vitest';
import { MIN, NOW, SEC, startHarness } from '../../support/tray-app-harness';
import { settle } from '../../support/settle';

const HOUR = 60 * MIN;
/** Off the minute ticks: the 10-minute warning of session i is due at 1 h 50 min 30 s + i min. */
const expiryOf = (i: number): number => NOW + 2 * HOUR + i * MIN + 30 * SEC;

describe('idle tray (issue #12)', () => {
  it('with 10 sessions far from expiry and the window hidden, no timer fires more often than once a minute; warnings come on time', async () => {
    const h = await startHarness({
      platform: 'darwin',
      setup: (b) => {
        for (let i = 0; i < 10; i++) b.addSession(`role${i}`, expiryOf(i));
      },
    });
    expect(h.electron.tray.title).toBe('2h 00m');
    h.timers.firedAt.length = 0;

    await h.advance(HOUR);

    const gaps = h.timers.firedAt.slice(1).map((t, i) => t - (h.timers.firedAt[i] ?? 0));
    expect(h.timers.firedAt.length).toBeLessThanOrEqual(60);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN);
    expect(h.electron.notifications).toHaveLength(0);

    // The window shows a live countdown: every second while it is open, back to once a minute when it closes.
    h.trayApp.showWindow('sessions');
    await settle();
    expect(h.timers.pendingDelays()).toEqual([SEC]);
    h.electron.windows[0]?.close();
    expect(h.timers.pendingDelays()).toEqual([MIN]);

    // The first warning falls 30 s after a minute tick: the tray wakes for it, not at the next minute.
    const warningAt = expiryOf(0) - 10 * MIN;
    await h.advance(warningAt - h.timers.clock.now() - 1);
    expect(h.electron.notifications).toHaveLength(0);
    await h.advance(1);
    expect(h.electron.notificationTitles()).toEqual(['role0 expires in 10m']);
  });
});
