// SPDX-License-Identifier: MIT
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, settingsPath } from '../../../../src-main/core/settings';

const dir = (): string => mkdtempSync(join(tmpdir(), 'touchrole-settings-'));

describe('settings.ini', () => {
  it('gives defaults when the file is missing', async () => {
    expect(await loadSettings(dir())).toEqual(DEFAULT_SETTINGS);
  });

  it('reads what the user wrote, including ini booleans and lists', async () => {
    const d = dir();
    writeFileSync(
      settingsPath(d),
      '[notifications]\nwarn_minutes = 2, 15,5\n[sessions]\ndefault_duration = 8h\nprofile_suffix = .elevated\n[app]\nstart_at_login = true\n',
    );
    const s = await loadSettings(d);
    expect(s.warnMinutes).toEqual([15, 5, 2]);
    expect(s.defaultDurationSeconds).toBe(8 * 3600);
    expect(s.profileSuffix).toBe('.elevated');
    expect(s.startAtLogin).toBe(true);
    expect(s.refreshMinutes).toBe(5);
  });

  it('round-trips through save and load, mode 0600', async () => {
    const d = dir();
    const s = { ...DEFAULT_SETTINGS, warnMinutes: [30, 1], keyMaxAgeDays: 45, startAtLogin: true };
    await saveSettings(d, s);
    expect(await loadSettings(d)).toEqual(s);
    expect(statSync(settingsPath(d)).mode & 0o777).toBe(0o600);
    expect(readFileSync(settingsPath(d), 'utf8')).toMatch(/^; touchrole settings/);
  });

  it.each([
    ['[sessions]\nrefresh_minutes = -1\n', /refresh_minutes = -1 is not valid/],
    ['[sessions]\nprofile_suffix = a b\n', /profile_suffix/],
    ['[app]\nstart_at_login = yes\n', /start_at_login/],
    ['[sessions]\ndefault_duration = forever\n', /not a duration/],
  ])('rejects invalid values: %s', async (text, message) => {
    const d = dir();
    writeFileSync(settingsPath(d), text);
    await expect(loadSettings(d)).rejects.toThrow(message);
  });
});
