// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../src-main/app/external-url';
import { buildWindowOptions, MainWindow } from '../../../src-main/app/window';
import { IPC_EVENT_CHANNELS } from '../../../src-shared/ipc-contract';
import { FakeElectron } from '../../support/fake-electron';

function openWindow(): { electron: FakeElectron; main: MainWindow; changes: number[] } {
  const electron = new FakeElectron();
  const changes: number[] = [];
  const main = new MainWindow({
    electron,
    preloadPath: '/app/dist/preload/preload.js',
    indexHtmlPath: '/app/dist/renderer/index.html',
    onVisibilityChange: () => changes.push(1),
  });
  return { electron, main, changes };
}

describe('window: options', () => {
  it('locks the renderer down', () => {
    const options = buildWindowOptions('/app/dist/preload/preload.js');
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/preload/preload.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(options.show).toBe(false);
  });

  it('is the one builder the window uses', async () => {
    const { electron, main } = openWindow();
    main.show('settings');
    await Promise.resolve();
    const window = electron.windows[0];
    expect(electron.windows).toHaveLength(1);
    expect(window?.options).toEqual(buildWindowOptions('/app/dist/preload/preload.js'));
    expect(window?.loaded).toEqual({ filePath: '/app/dist/renderer/index.html', hash: 'settings' });
    expect(main.isOwnSender(electron.window.webContents.sender())).toBe(true);
    expect(main.isOwnSender(electron.window.webContents.sender('subframe'))).toBe(false);
  });
});

describe('window: navigation', () => {
  it('denies navigation and redirects of the page', () => {
    const { electron, main } = openWindow();
    main.show();
    const contents = electron.windows[0]?.webContents;
    expect(contents?.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents?.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents?.navigate('will-redirect', 'https://console.aws.amazon.com/')).toBe(true);
  });

  it('denies window.open and sends only AWS console URLs to the browser', () => {
    const { electron, main } = openWindow();
    main.show();
    const handler = electron.windows[0]?.webContents.windowOpenHandler;
    expect(handler).toBeDefined();
    for (const url of [
      'https://us-east-1.console.aws.amazon.com/iam/home',
      'https://evil.example/',
      'javascript:alert(1)',
      'https://signin.aws.amazon.com/federation?x=1',
    ]) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.opened).toEqual(['https://us-east-1.console.aws.amazon.com/iam/home', 'https://signin.aws.amazon.com/federation?x=1']);
  });

  it.each([
    ['https://console.aws.amazon.com/', true],
    ['https://us-east-1.console.aws.amazon.com/ec2/home', true],
    ['https://signin.aws.amazon.com/federation?Action=login', true],
    ['HTTPS://SIGNIN.AWS.AMAZON.COM/', true],
    ['http://console.aws.amazon.com/', false],
    ['https://console.aws.amazon.com.evil.example/', false],
    ['https://evilconsole.aws.amazon.com/', false],
    ['https://signin.aws.amazon.com.evil.example/', false],
    ['https://user:pw@console.aws.amazon.com/', false],
    ['https://console.aws.amazon.com:8443/', false],
    ['https://aws.amazon.com/', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('external URL %s allowed: %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('window: on demand', () => {
  it('creates one window, reuses it, and forgets it when closed', async () => {
    const { electron, main, changes } = openWindow();
    expect(main.isShowing()).toBe(false);
    main.show();
    await Promise.resolve();
    expect(main.isShowing()).toBe(true);
    expect(changes).toHaveLength(1); // shown

    const window = electron.windows[0];
    if (window === undefined) throw new Error('no window');
    window.minimized = true;
    main.show('yubikey');
    expect(electron.windows).toHaveLength(1);
    expect(window.minimized).toBe(false);
    expect(window.webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNELS.showView, args: ['yubikey'] }]);

    window.close();
    expect(main.isShowing()).toBe(false);
    expect(main.focus()).toBe(false);
    main.send('showView', 'sessions'); // nothing to send to: no throw
    main.show();
    expect(electron.windows).toHaveLength(2);
  });
});
