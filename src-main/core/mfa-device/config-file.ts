// SPDX-License-Identifier: MIT
// Edits ~/.aws/config the way the credentials file is edited: under a lock, checked, atomically.
import { checkEditedAwsText, readAwsFile } from '../aws-config';
import { atomicWriteFile } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { resolveWriteTarget } from '../fs/write-target';
import { configSectionName, removeSectionValue, setSectionValue } from './ini-value-edit';

/** Sets or removes one setting of one profile in the config file. */
export interface ProfileConfigEditor {
  /** Each returns whether the file changed. */
  set(profile: string, key: string, value: string): Promise<boolean>;
  remove(profile: string, key: string): Promise<boolean>;
}

/** The real editor over a config file path (AWS_CONFIG_FILE or ~/.aws/config). */
export function configFileEditor(path: string): ProfileConfigEditor {
  return {
    set: (profile, key, value) => editConfigFile(path, (text) => setSectionValue(text, configSectionName(text, profile), key, value, { createSection: true })),
    remove: (profile, key) => editConfigFile(path, (text) => removeSectionValue(text, configSectionName(text, profile), key)),
  };
}

/**
 * Read-edit-write under `<resolved path>.touchrole.lock`; a result botocore could not parse is never
 * written, and a path that is (or links to) anything but a regular file is refused unread.
 */
export async function editConfigFile(path: string, edit: (text: string) => string): Promise<boolean> {
  const target = await resolveWriteTarget(path);
  return withFileLock(`${target}.touchrole.lock`, async () => {
    const before = (await readAwsFile(target, 'config')) ?? '';
    const after = edit(before);
    if (after === before) return false;
    checkEditedAwsText(after, 'config', path);
    // 0644 like the AWS CLI's own config file: it holds no secrets (an existing stricter mode is kept).
    await atomicWriteFile(target, after, { mode: 0o644 });
    return true;
  });
}
