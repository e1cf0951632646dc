// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { trayAvailable, type RunCommand } from '../../../src-main/app/tray-availability';

const answering =
  (error: Error | null, stdout: string, seen: string[][] = []): RunCommand =>
  (file, args, done) => {
    seen.push([file, ...args]);
    done(error, stdout);
  };

describe('tray availability', () => {
  it('macOS and Windows always have one, without asking anything', async () => {
    const seen: string[][] = [];
    expect(await trayAvailable('darwin', answering(null, '', seen))).toBe(true);
    expect(await trayAvailable('win32', answering(null, '', seen))).toBe(true);
    expect(seen).toEqual([]);
  });

  it("linux: asks the session bus whether a StatusNotifierWatcher runs, and reads gdbus's answer", async () => {
    const seen: string[][] = [];
    expect(await trayAvailable('linux', answering(null, '(true,)\n', seen))).toBe(true);
    // The command line as a user would paste it into a terminal to check by hand.
    expect(seen[0]?.join(' ')).toBe(
      'gdbus call --session --timeout 2 --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus ' +
        '--method org.freedesktop.DBus.NameHasOwner org.kde.StatusNotifierWatcher',
    );
    expect(await trayAvailable('linux', answering(null, '(false,)\n'))).toBe(false);
  });

  it('linux: no answer (no gdbus, no session bus) counts as no tray, so the window opens', async () => {
    expect(await trayAvailable('linux', answering(new Error('spawn gdbus ENOENT'), ''))).toBe(false);
  });

  it('linux: the real gdbus without a session bus says no', async () => {
    const saved = process.env['DBUS_SESSION_BUS_ADDRESS'];
    process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/touchrole-test-bus';
    try {
      expect(await trayAvailable('linux')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
      else process.env['DBUS_SESSION_BUS_ADDRESS'] = saved;
    }
  });
});
