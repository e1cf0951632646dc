// SPDX-License-Identifier: MIT
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, settingsPath } from '../../../../src-main/core/settings';
import { validateIpcRequest } from '../../../../src-shared/ipc-contract';
import type { AppSettings } from '../../../../src-shared/models';

const SETTINGS: AppSettings = { warnMinutes: [10, 2], defaultDurationSeconds: 3600, startAtLogin: false, profileSuffix: '-touchrole' };

/** Whether settings.ini takes `ini`, and whether the window's settingsSet takes `window`: always the same answer. */
async function both(ini: string, window: Partial<AppSettings>): Promise<{ ini: boolean; window: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'touchrole-rules-'));
  writeFileSync(settingsPath(dir), ini);
  const iniOk = await loadSettings(dir).then(
    () => true,
    () => false,
  );
  return { ini: iniOk, window: validateIpcRequest('settingsSet', { ...SETTINGS, ...window }).ok };
}

describe('settings.ini and the window accept the same values', () => {
  it.each([
    [[1], true],
    [[720], true],
    [[721], false],
    [[0], false],
    [[10, 2], true],
    [[5, 4, 3, 2, 1], true],
    [[6, 5, 4, 3, 2, 1], false],
    [[2, 2], false],
  ])('warn_minutes %j: %s', async (minutes, accepted) => {
    expect(await both(`[notifications]\nwarn_minutes = ${minutes.join(',')}\n`, { warnMinutes: minutes })).toEqual({ ini: accepted, window: accepted });
  });

  it.each([
    [899, false],
    [900, true],
    [129_600, true],
    [129_601, false],
  ])('default_duration %d s: %s', async (seconds, accepted) => {
    expect(await both(`[sessions]\ndefault_duration = ${seconds}\n`, { defaultDurationSeconds: seconds })).toEqual({ ini: accepted, window: accepted });
  });

  it.each([
    ['-touchrole', true],
    ['.elevated', true],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['a/b', false],
  ])('profile_suffix %s: %s', async (suffix, accepted) => {
    expect(await both(`[sessions]\nprofile_suffix = ${suffix}\n`, { profileSuffix: suffix })).toEqual({ ini: accepted, window: accepted });
  });
});
