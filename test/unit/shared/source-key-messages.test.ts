// SPDX-License-Identifier: MIT
// The words `touchrole keys add|import|remove` print and the window shows: one source for both.
import { describe, expect, it } from 'vitest';
import { importedMessage, REMOVE_KEEPS_IAM_KEY, removedMessage, storedMessage } from '../../../src-shared/source-key-messages';
import { command as remove } from '../../../src-main/cli/commands/keys-remove';

describe('source key messages', () => {
  it('says what was stored, moved and removed, with key IDs only', () => {
    expect(storedMessage('work', 'AKIAIOSFODNN7EXAMPLE')).toBe('Stored AKIAIOSFODNN7EXAMPLE for profile "work" in the keychain');
    expect(
      importedMessage({
        profile: 'default',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        path: '/h/.aws/credentials',
        removedKeys: ['aws_access_key_id', 'aws_secret_access_key'],
      }),
    ).toBe('Moved AKIAIOSFODNN7EXAMPLE of profile "default" into the keychain and removed aws_access_key_id, aws_secret_access_key from /h/.aws/credentials');
    expect(removedMessage('old', 0)).toBe('Removed the keys of profile "old" from the keychain');
    expect(removedMessage('old', 2)).toBe('Removed the keys of profile "old" from the keychain and its cached MFA session');
  });

  it('the CLI help and the window warn alike that IAM keeps the key', () => {
    expect(REMOVE_KEEPS_IAM_KEY).toBe('The key stays valid in IAM: deactivate it there too if you no longer need it.');
    expect(remove.help).toEqual([REMOVE_KEEPS_IAM_KEY]);
  });
});
