// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { computeTimeline, MINUTE_MS, SECOND_MS, type TimelineSession } from '../../../src-shared/session-timeline';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const min = (n: number): number => n * MINUTE_MS;
const sec = (n: number): number => n * SECOND_MS;
const s = (profile: string, leftMs: number): TimelineSession => ({ profile, expiresAt: T0 + leftMs });

describe('computeTimeline: one call', () => {
  const cases: Array<{
    name: string;
    sessions: TimelineSession[];
    countdownShown?: boolean;
    warnings: Array<[string, number]>;
    expired: string[];
    nextInMs: number;
  }> = [
    { name: 'no sessions: once a minute', sessions: [], warnings: [], expired: [], nextInMs: min(1) },
    { name: 'no sessions, countdown shown: every second', sessions: [], countdownShown: true, warnings: [], expired: [], nextInMs: sec(1) },
    { name: 'an hour left: next minute', sessions: [s('a', min(60))], warnings: [], expired: [], nextInMs: min(1) },
    { name: '10m30s left: at the 10-minute threshold', sessions: [s('a', min(10) + sec(30))], warnings: [], expired: [], nextInMs: sec(30) },
    { name: 'exactly 10m left: 10-minute warning', sessions: [s('a', min(10))], warnings: [['a', min(10)]], expired: [], nextInMs: min(1) },
    { name: '2m20s left: 10-minute warning, next at 2m', sessions: [s('a', min(2) + sec(20))], warnings: [['a', min(10)]], expired: [], nextInMs: sec(20) },
    {
      name: '1m30s left: both crossed, only the 2-minute warning, next at the last minute',
      sessions: [s('a', sec(90))],
      warnings: [['a', min(2)]],
      expired: [],
      nextInMs: sec(30),
    },
    { name: 'last minute: every second', sessions: [s('a', sec(45))], warnings: [['a', min(2)]], expired: [], nextInMs: sec(1) },
    { name: 'half a second left: tick at expiry', sessions: [s('a', 500)], warnings: [['a', min(2)]], expired: [], nextInMs: 500 },
    { name: 'expired exactly now', sessions: [s('a', 0)], warnings: [], expired: ['a'], nextInMs: min(1) },
    { name: 'long expired: expired, no warning', sessions: [s('a', -min(30))], warnings: [], expired: ['a'], nextInMs: min(1) },
    {
      name: 'several sessions: the soonest decides the tick',
      sessions: [s('a', min(50)), s('b', min(11)), s('c', -1)],
      warnings: [],
      expired: ['c'],
      nextInMs: min(1),
    },
    {
      name: 'several sessions: 10m15s left ticks at 15 s',
      sessions: [s('a', min(50)), s('b', min(10) + sec(15))],
      warnings: [],
      expired: [],
      nextInMs: sec(15),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = computeTimeline({ sessions: c.sessions, now: T0, warned: new Set(), ...(c.countdownShown ? { countdownShown: true } : {}) });
      expect(r.warnings.map((w) => [w.profile, w.thresholdMs])).toEqual(c.warnings);
      expect(r.expired.map((e) => e.profile)).toEqual(c.expired);
      expect(r.nextTickAt - T0).toBe(c.nextInMs);
    });
  }
});

describe('computeTimeline: a sequence of ticks', () => {
  /** Runs ticks at the given offsets from T0, carrying `warned` along; returns warnings per tick. */
  function run(sessions: TimelineSession[], offsets: number[], thresholdsMs?: number[]): Array<{ warnings: string[]; expired: string[] }> {
    let warned: ReadonlySet<string> = new Set();
    return offsets.map((offset) => {
      const r = computeTimeline({ sessions, now: T0 + offset, warned, ...(thresholdsMs ? { thresholdsMs } : {}) });
      warned = r.warned;
      return { warnings: r.warnings.map((w) => `${w.profile}@${w.thresholdMs / MINUTE_MS}m`), expired: r.expired.map((e) => e.profile) };
    });
  }

  it('warns once per threshold while time passes normally', () => {
    const out = run([s('a', min(12))], [0, min(1), min(2), min(3), min(9), min(10), min(10) + sec(1), min(12)]);
    expect(out.map((o) => o.warnings)).toEqual([[], [], ['a@10m'], [], [], ['a@2m'], [], []]);
    expect(out[7]?.expired).toEqual(['a']);
  });

  it('wall-clock jump (sleep/resume) across both thresholds: one warning, the most urgent', () => {
    const out = run([s('a', min(30))], [0, min(29), min(29) + sec(1)]);
    expect(out.map((o) => o.warnings)).toEqual([[], ['a@2m'], []]);
  });

  it('wall-clock jump past expiry: expired, no warnings', () => {
    const out = run([s('a', min(30))], [0, min(90)]);
    expect(out[1]).toEqual({ warnings: [], expired: ['a'] });
  });

  it('clock set backwards after a warning: no repeat', () => {
    const out = run([s('a', min(12))], [min(3), min(1), min(3)]);
    expect(out.map((o) => o.warnings)).toEqual([['a@10m'], [], []]);
  });

  it('a renewed session (new expiry) is warned again', () => {
    let warned: ReadonlySet<string> = new Set();
    const first = computeTimeline({ sessions: [s('a', min(5))], now: T0, warned });
    warned = first.warned;
    const renewed = computeTimeline({ sessions: [s('a', min(65))], now: T0, warned });
    expect(first.warnings).toHaveLength(1);
    expect(renewed.warnings).toHaveLength(0);
    const later = computeTimeline({ sessions: [s('a', min(65))], now: T0 + min(56), warned: renewed.warned });
    expect(later.warnings.map((w) => w.thresholdMs)).toEqual([min(10)]);
  });

  it('custom thresholds, in any order', () => {
    const out = run([s('a', min(40))], [0, min(10), min(35), min(39)], [min(5), min(30)]);
    expect(out.map((o) => o.warnings)).toEqual([[], ['a@30m'], ['a@5m'], []]);
  });

  it('forgets warnings of sessions that are gone', () => {
    const r = computeTimeline({ sessions: [s('a', min(5))], now: T0, warned: new Set() });
    expect(r.warned.size).toBe(1);
    expect(computeTimeline({ sessions: [], now: T0, warned: r.warned }).warned.size).toBe(0);
  });
});
