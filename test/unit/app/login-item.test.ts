// SPDX-License-Identifier: MIT
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLoginItem, autostartFile } from '../../../src-main/app/login-item';
import { FakeElectron } from '../../support/fake-electron';

describe('start at login', () => {
  it.each(['darwin', 'win32'] as const)('%s: app.setLoginItemSettings', (platform) => {
    const { app } = new FakeElectron(platform);
    applyLoginItem({ platform, app, launchCommand: ['/x'] }, true);
    expect(app.loginItem).toEqual({ openAtLogin: true });
    applyLoginItem({ platform, app, launchCommand: ['/x'] }, false);
    expect(app.loginItem).toEqual({ openAtLogin: false });
  });

  it('linux: an XDG autostart entry in ~/.config/autostart, removed again when turned off', () => {
    const { app } = new FakeElectron('linux');
    const o = { platform: 'linux' as const, app, launchCommand: ['/opt/touchrole/touchrole-app'] };
    const file = autostartFile(o);
    expect(file).toBe(join(app.getPath('home'), '.config', 'autostart', 'touchrole.desktop'));
    applyLoginItem(o, true);
    expect(readFileSync(file, 'utf8')).toBe(
      '[Desktop Entry]\nType=Application\nName=touchrole\nComment=Elevate to MFA-protected AWS roles with one touch of a YubiKey\n' +
        'Exec=/opt/touchrole/touchrole-app\nTerminal=false\nX-GNOME-Autostart-enabled=true\n',
    );
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(app.loginItem).toBeUndefined();
    applyLoginItem(o, false);
    expect(existsSync(file)).toBe(false);
    applyLoginItem(o, false); // already off: no error
  });

  it('linux: honours XDG_CONFIG_HOME and quotes the Exec arguments as the spec says', () => {
    const { app } = new FakeElectron('linux');
    const xdg = mkdtempSync(join(tmpdir(), 'touchrole-xdg-'));
    const o = { platform: 'linux' as const, app, xdgConfigHome: xdg, launchCommand: ['/home/a b/electron', '/home/a b/app "x" $HOME 100%'] };
    applyLoginItem(o, true);
    const text = readFileSync(join(xdg, 'autostart', 'touchrole.desktop'), 'utf8');
    expect(text).toContain('Exec="/home/a b/electron" "/home/a b/app \\"x\\" \\$HOME 100%%"\n');
  });
});
