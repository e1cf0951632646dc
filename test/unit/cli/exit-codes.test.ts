// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { BugError, TouchroleError } from '../../../src-shared/errors';
import { EXIT_BUG, EXIT_USAGE, EXIT_USER, toFailure } from '../../../src-main/cli/exit-codes';

describe('toFailure: one code for bugs', () => {
  it('exits 3 with code internal for a BugError, a TouchroleError("internal") and anything unexpected', () => {
    for (const e of [new BugError('x'), new TouchroleError('internal', 'x'), new RangeError('x')]) {
      const f = toFailure(e);
      expect(f.exitCode).toBe(EXIT_BUG);
      expect(f.wire.code).toBe('internal');
    }
  });

  it('exits 1 for what a user can fix and 2 for usage', () => {
    expect(toFailure(new TouchroleError('pcsc-unavailable', 'x')).exitCode).toBe(EXIT_USER);
    expect(toFailure(new TouchroleError('usage', 'x')).exitCode).toBe(EXIT_USAGE);
  });
});
