// SPDX-License-Identifier: MIT
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decode } from 'ini';
import { DEFAULT_SETTINGS, settingsFromIni, type Settings } from './settings';

export function settingsPath(configDir: string): string {
  return join(configDir, 'settings.ini');
}

/** Reads settings.ini (missing file: defaults). Invalid values are errors, not silently ignored. */
export async function loadSettings(configDir: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(settingsPath(configDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS, warnMinutes: [...DEFAULT_SETTINGS.warnMinutes] };
    throw e;
  }
  return settingsFromIni(decode(text));
}
