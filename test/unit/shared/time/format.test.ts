// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { formatCountdown, formatTimeLeft } from '../../../../src-shared/time/format';

const s = 1_000;
const m = 60 * s;
const h = 60 * m;

describe('formatTimeLeft', () => {
  it.each([
    [42 * m, '42m'],
    [42 * m + 59 * s, '42m'],
    [h + 5 * m, '1h 05m'],
    [h + 5 * m + 30 * s, '1h 05m'],
    [12 * h, '12h 00m'],
    [3 * m, '3m'],
    [m, '1m'],
    [59 * s + 999, '59s'],
    [45 * s, '45s'],
    [s, '1s'],
    [999, 'expired'],
    [0, 'expired'],
    [-5 * m, 'expired'],
    [Number.NaN, 'expired'],
  ])('%d ms -> %s', (ms, label) => {
    expect(formatTimeLeft(ms)).toBe(label);
  });
});

describe('formatCountdown', () => {
  it.each([
    [h + 5 * m + 9 * s, '1:05:09'],
    [42 * m + 7 * s, '42:07'],
    [45 * s, '0:45'],
    [45 * s + 999, '0:45'],
    [500, 'expired'],
    [-1, 'expired'],
  ])('%d ms -> %s', (ms, label) => {
    expect(formatCountdown(ms)).toBe(label);
  });
});
