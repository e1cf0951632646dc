// SPDX-License-Identifier: MIT
/** Touch events told to the prompter: a prompt that cannot be shown fails nothing (and leaves no unhandled rejection). */
import { describe, expect, it } from 'vitest';
import { onTouchTelling, touchReports } from '../../../../src-main/core/service/touch-reports';

const told: string[] = [];
const failing = {
  waiting: async (info: { credential: string; purpose: string }) => {
    told.push(`waiting ${info.purpose}: ${info.credential}`);
    throw new Error('no notification daemon');
  },
  done: async () => {
    told.push('done');
    throw new Error('no terminal');
  },
  timedOut: async () => {
    told.push('timed out');
    throw new Error('no terminal');
  },
};

describe('touch reports', () => {
  it('tell the prompter each phase; its failures are dropped, not left unhandled', async () => {
    told.length = 0;
    const r = touchReports(failing, 'AWS:alice', 'elevate admin');
    expect(() => {
      r.waiting();
      r.done();
      r.timedOut();
    }).not.toThrow();
    const onTouch = onTouchTelling(failing, 'a code');
    onTouch({ phase: 'waiting', credential: 'GitHub:bob' });
    onTouch({ phase: 'timeout', credential: 'GitHub:bob' });
    // Rejections settle on the next turns; vitest fails the run on an unhandled one.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(told).toEqual(['waiting elevate admin: AWS:alice', 'done', 'timed out', 'waiting a code: GitHub:bob', 'timed out']);
  });
});
