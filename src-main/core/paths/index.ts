// SPDX-License-Identifier: MIT
import { join } from 'node:path';
import { osHomedir } from './home';

/** Where touchrole keeps its own files, per platform conventions; all overridable by env. */
export interface TouchrolePaths {
  /** Settings (settings.ini). */
  config: string;
  /** Cached sessions for credential_process (0600 files in a 0700 directory). */
  cache: string;
  /** Small state: MFA time-step ledger, key import dates, rotation state. */
  state: string;
}

export function touchrolePaths(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): TouchrolePaths {
  const home = env['HOME'] || osHomedir();
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support', 'touchrole');
    return {
      config: env['TOUCHROLE_CONFIG_DIR'] ?? support,
      cache: env['TOUCHROLE_CACHE_DIR'] ?? join(home, 'Library', 'Caches', 'touchrole'),
      state: env['TOUCHROLE_STATE_DIR'] ?? support,
    };
  }
  if (platform === 'win32') {
    const appData = env['APPDATA'] || join(home, 'AppData', 'Roaming');
    const local = env['LOCALAPPDATA'] || join(home, 'AppData', 'Local');
    return {
      config: env['TOUCHROLE_CONFIG_DIR'] ?? join(appData, 'touchrole'),
      cache: env['TOUCHROLE_CACHE_DIR'] ?? join(local, 'touchrole', 'cache'),
      state: env['TOUCHROLE_STATE_DIR'] ?? join(local, 'touchrole', 'state'),
    };
  }
  const xdg = (name: string, fallback: string): string => env[name] || join(home, fallback);
  return {
    config: env['TOUCHROLE_CONFIG_DIR'] ?? join(xdg('XDG_CONFIG_HOME', '.config'), 'touchrole'),
    cache: env['TOUCHROLE_CACHE_DIR'] ?? join(xdg('XDG_CACHE_HOME', '.cache'), 'touchrole'),
    state: env['TOUCHROLE_STATE_DIR'] ?? join(xdg('XDG_STATE_HOME', join('.local', 'state')), 'touchrole'),
  };
}
