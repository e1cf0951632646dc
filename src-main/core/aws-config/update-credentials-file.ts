// SPDX-License-Identifier: MIT
import { parseCredentialsFile, removeExpiredManagedSections } from '../../../src-shared/aws-ini';
import type { Clock } from '../../../src-shared/time/clock';
import { atomicWriteFile, removeStaleTempFiles } from '../fs/atomic-write';
import { withFileLock, type FileLockOptions } from '../fs/file-lock';
import { resolveWriteTarget } from '../fs/write-target';
import { checkEditedAwsText, parseAwsText } from './load-aws-files';
import { readAwsFile } from './read-aws-file';

export interface UpdateCredentialsOptions {
  /** Decides which managed sections have expired. */
  clock: Clock;
  lock?: FileLockOptions;
  /** Also drop touchrole's sections whose expiry date was damaged by a hand edit (`touchrole clean`). */
  removeUnreadableExpiry?: boolean;
}

export interface UpdateCredentialsResult {
  /** False when the edit changed nothing (the file was not rewritten). */
  written: boolean;
  /** Expired touchrole sections removed on the way. */
  removedExpired: string[];
}

/** The lock file beside the (resolved) credentials file; every touchrole writer of that file takes it. */
export function credentialsLockPath(path: string): string {
  return `${path}.touchrole.lock`;
}

/**
 * Read-edit-write of a credentials file under an inter-process lock. A file botocore cannot
 * parse is not edited, and a result botocore could not parse is not written (both
 * 'credentials-parse-error', file untouched). Expired touchrole sections are dropped on every
 * write. The write is atomic and leaves the file 0600 (or stricter) in a 0700 directory when
 * touchrole creates it. An `edit` that throws leaves the file untouched. A path that is (or links
 * to) anything but a regular file is refused before it is read ('file-write-failed'); the lock is
 * keyed on the resolved file, so a symlink and its target share it.
 */
export async function updateCredentialsFile(path: string, edit: (text: string) => string, options: UpdateCredentialsOptions): Promise<UpdateCredentialsResult> {
  const target = await resolveWriteTarget(path);
  return withFileLock(
    credentialsLockPath(target),
    async () => {
      await removeStaleTempFiles(target);
      const existing = await readAwsFile(target, 'credentials');
      const before = existing ?? '';
      parseAwsText(before, 'credentials', path, parseCredentialsFile);
      const { text: after, removed } = removeExpiredManagedSections(edit(before), options.clock.now(), {
        unreadableExpiry: options.removeUnreadableExpiry === true,
      });
      if (after === before) return { written: false, removedExpired: removed };
      checkEditedAwsText(after, 'credentials', path);
      await atomicWriteFile(target, after);
      return { written: true, removedExpired: removed };
    },
    options.lock ?? {},
  );
}
