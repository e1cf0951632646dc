// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../../src-shared/time/duration';

describe('durations', () => {
  it.each([
    ['3600', 3600],
    ['45m', 2700],
    ['1h', 3600],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['12h', 43200],
    ['1d', 86400],
    ['90s', 90],
  ])('parses %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', 'h', '1x', 'one hour', '1h-30m', '-5'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });

  it.each([
    [3600, '1h'],
    [5400, '1h30m'],
    [2700, '45m'],
    [90, '90s'],
    [43200, '12h'],
  ])('formats %d as %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
