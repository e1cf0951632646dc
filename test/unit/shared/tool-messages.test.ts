// SPDX-License-Identifier: MIT
// The words `touchrole clean`, `whoami` and `decode` print, shared with the window.
import { describe, expect, it } from 'vitest';
import { cleanSummaryLines, compactEncodedMessage, formatDecodedMessage, whoamiLines } from '../../../src-shared/tool-messages';

const PATH = '/home/alice/.aws/credentials';

describe('clean summary', () => {
  it('says nothing was expired', () => {
    expect(cleanSummaryLines({ path: PATH, removed: [], cacheEntriesRemoved: 0, tempFilesRemoved: 0 })).toEqual([`No expired sessions in ${PATH}`]);
  });

  it('names the sections removed and counts cache entries and temp files', () => {
    expect(cleanSummaryLines({ path: PATH, removed: ['a-touchrole', 'b-touchrole'], cacheEntriesRemoved: 1, tempFilesRemoved: 3 })).toEqual([
      `Removed 2 expired session(s) from ${PATH}: a-touchrole, b-touchrole`,
      'Removed 1 expired cache entry',
      'Removed 3 stale temp file(s) of a crashed write',
    ]);
    expect(cleanSummaryLines({ path: PATH, removed: [], cacheEntriesRemoved: 2, tempFilesRemoved: 0 })[1]).toBe('Removed 2 expired cache entries');
  });

  it('shows control characters in a hand-written section name instead of obeying them', () => {
    expect(cleanSummaryLines({ path: PATH, removed: ['x\u001b[2Jy'], cacheEntriesRemoved: 0, tempFilesRemoved: 0 })[0]).toBe(
      `Removed 1 expired session(s) from ${PATH}: x\\x1b[2Jy`,
    );
  });
});

describe('whoami lines', () => {
  it('the ARN, then the account and user id', () => {
    expect(whoamiLines({ arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice', account: '123456789012', userId: 'AROAX:alice' })).toEqual([
      'arn:aws:sts::123456789012:assumed-role/Admin/alice',
      'account 123456789012, user id AROAX:alice',
    ]);
  });
});

describe('decoded authorization messages', () => {
  it('indents JSON by two spaces', () => {
    expect(formatDecodedMessage('{"allowed":false,"context":{"action":"ec2:RunInstances"}}')).toEqual({
      text: '{\n  "allowed": false,\n  "context": {\n    "action": "ec2:RunInstances"\n  }\n}',
      decoded: { allowed: false, context: { action: 'ec2:RunInstances' } },
    });
  });

  it('keeps text that is not JSON as STS gave it', () => {
    expect(formatDecodedMessage('not json')).toEqual({ text: 'not json', decoded: 'not json' });
  });

  it('drops the whitespace of a pasted message', () => {
    expect(compactEncodedMessage('  abc-_\n  DEF+/=\r\n')).toBe('abc-_DEF+/=');
  });
});
