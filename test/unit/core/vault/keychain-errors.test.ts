// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { mapKeychainError } from '../../../../src-main/core/vault/keychain-errors';
import { TouchroleError } from '../../../../src-shared/errors';

// Messages keytar 7.9 actually threw on Debian (libsecret + gnome-keyring), one per situation.
const cases: Array<[situation: string, message: string, code: string]> = [
  ['no DBUS_SESSION_BUS_ADDRESS, no DISPLAY', 'Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain-unavailable'],
  [
    'no bus address, DISPLAY set',
    'Error spawning command line “dbus-launch --autolaunch=3d12 --binary-syntax --close-stderr”: Child process exited with code 1',
    'keychain-unavailable',
  ],
  ['bus address of a dead bus', 'Could not connect: No such file or directory', 'keychain-unavailable'],
  ['bus without a Secret Service', 'The name org.freedesktop.secrets was not provided by any .service files', 'keychain-unavailable'],
  [
    'same, from findCredentials',
    'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
    'keychain-unavailable',
  ],
  ['no login keyring and no prompter', 'Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain-unavailable'],
  ['daemon started without --unlock', 'Cannot create an item in a locked collection', 'keychain-locked'],
  ['macOS keychain locked, no UI', 'User interaction is not allowed.', 'keychain-locked'],
];

describe('mapKeychainError', () => {
  it.each(cases)('%s -> %s', (_situation, message, code) => {
    const mapped = mapKeychainError(new Error(message), 'linux');
    expect(mapped.code).toBe(code);
    expect(mapped.hint).toBeTruthy();
  });

  it('gives the Linux hint about gnome-keyring and D-Bus on Linux only', () => {
    expect(mapKeychainError(new Error('Could not connect: x'), 'linux').hint).toMatch(/gnome-keyring.*D-Bus/);
    expect(mapKeychainError(new Error('Could not connect: x'), 'darwin').hint).not.toMatch(/gnome-keyring/);
  });

  it('says how to unlock, per platform', () => {
    expect(mapKeychainError(new Error('Cannot create an item in a locked collection'), 'linux').hint).toMatch(/login keyring/);
    expect(mapKeychainError(new Error('User interaction is not allowed.'), 'darwin').hint).toMatch(/login keychain/);
  });

  it('keeps TouchroleErrors as they are', () => {
    const e = new TouchroleError('keychain-locked', 'locked');
    expect(mapKeychainError(e, 'linux')).toBe(e);
  });

  it('reports unknown failures as unavailable with one line of the platform message', () => {
    const mapped = mapKeychainError(new Error('something odd\nsecond line'), 'linux');
    expect(mapped.code).toBe('keychain-unavailable');
    expect(mapped.message).toBe('The OS keychain is not available (something odd)');
  });
});
