// SPDX-License-Identifier: MIT
import { encode } from 'ini';
import { atomicWriteFile } from '../fs/atomic-write';
import { settingsPath } from './load-settings';
import { settingsToIni, type Settings } from './settings';

export { DEFAULT_SETTINGS, type Settings } from './settings';
export { loadSettings, settingsPath } from './load-settings';

const HEADER = '; touchrole settings. Edit here or in the tray app; touchrole rewrites this file when settings change.\n';

export async function saveSettings(configDir: string, settings: Settings): Promise<void> {
  await atomicWriteFile(settingsPath(configDir), HEADER + encode(settingsToIni(settings)));
}
