// SPDX-License-Identifier: MIT
import { parseCredentialsFile, removeKeys } from '../../../src-shared/aws-ini';
import type { Clock } from '../../../src-shared/time/clock';
import { readAwsFile } from './read-aws-file';
import { updateCredentialsFile } from './update-credentials-file';

/**
 * The credentials-file operations other concerns need (e.g. `keys import` in vault), bound to
 * one file and clock so they can be passed around as a plain object.
 */
export function credentialsFileAccess(path: string, clock: Clock) {
  return {
    path,
    read: (p: string): Promise<string | undefined> => readAwsFile(p, 'credentials'),
    readSection: readCredentialsSection,
    removeKeys,
    updateCredentialsFile: async (p: string, edit: (text: string) => string): Promise<void> => {
      await updateCredentialsFile(p, edit, { clock });
    },
  };
}

/** A section's plain string settings as botocore reads them (null-prototype record), or undefined. */
export function readCredentialsSection(text: string, section: string): Readonly<Record<string, string>> | undefined {
  const found = parseCredentialsFile(text).get(section);
  if (found === undefined) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of found) if (typeof value === 'string') out[key] = value;
  return out;
}
