// SPDX-License-Identifier: MIT
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsFilePaths } from '../../../../src-main/core/aws-config';
import { touchrolePaths } from '../../../../src-main/core/paths';

describe('touchrolePaths', () => {
  it('follows the XDG base directories on Linux', () => {
    expect(touchrolePaths({ HOME: '/home/a' }, 'linux')).toEqual({
      config: '/home/a/.config/touchrole',
      cache: '/home/a/.cache/touchrole',
      state: '/home/a/.local/state/touchrole',
    });
    expect(touchrolePaths({ HOME: '/home/a', XDG_CACHE_HOME: '/fast' }, 'linux').cache).toBe('/fast/touchrole');
  });

  it('uses the platform folders on macOS and Windows', () => {
    expect(touchrolePaths({ HOME: '/Users/a' }, 'darwin').cache).toBe('/Users/a/Library/Caches/touchrole');
    expect(touchrolePaths({ HOME: 'C:/Users/a', LOCALAPPDATA: 'C:/L' }, 'win32').state).toMatch(/^C:\/L.touchrole.state$/);
  });

  it('lets TOUCHROLE_*_DIR override every folder', () => {
    expect(touchrolePaths({ HOME: '/h', TOUCHROLE_CONFIG_DIR: '/c', TOUCHROLE_CACHE_DIR: '/k', TOUCHROLE_STATE_DIR: '/s' }, 'linux')).toEqual({
      config: '/c',
      cache: '/k',
      state: '/s',
    });
  });

  it('falls back to the home folder of the password database when HOME is unset, as the AWS CLI does', () => {
    expect(touchrolePaths({}, 'linux').cache).toBe(join(homedir(), '.cache', 'touchrole'));
    expect(awsFilePaths({}).configFile).toBe(join(homedir(), '.aws', 'config'));
  });
});
