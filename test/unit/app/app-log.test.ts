// SPDX-License-Identifier: MIT
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppLog, redactSecrets } from '../../../src-main/app/app-log';
import { reportStartupFailure } from '../../../src-main/app/startup-failure';
import { TouchroleError } from '../../../src-shared/errors';
import { IPC_CHANNELS } from '../../../src-shared/ipc-contract';
import { FakeElectron } from '../../support/fake-electron';
import { MIN, NOW, startHarness } from '../../support/tray-app-harness';
import { settle } from '../../support/settle';

// Secret-looking values as a foreign error (SDK, PC/SC, OS) might carry them.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaDHqa0AP1+/abcdefghijklmnopqrstuvwxyz0123456789';
const secretError = (): Error =>
  new Error(`request failed: AccessKeyId=${KEY_ID} SecretAccessKey=${SECRET} "SessionToken": "${TOKEN}" password=hunter2 at https://sts.amazonaws.com`);

const tmpLog = (): AppLog => new AppLog({ dir: join(mkdtempSync(join(tmpdir(), 'touchrole-log-')), 'logs'), now: () => new Date('2026-11-23T10:00:00Z') });

function expectNoSecrets(text: string): void {
  for (const secret of [KEY_ID, SECRET, TOKEN, 'hunter2']) expect(text).not.toContain(secret);
}

describe('app log', () => {
  it('records an unexpected error with its stack frames and without any secret', () => {
    const log = tmpLog();
    log.error('agent', 'refreshing sessions', secretError());
    const text = readFileSync(log.path, 'utf8');
    expect(text).toMatch(/^2026-11-23T10:00:00.000Z \[agent\] refreshing sessions: Error: request failed: /);
    expect(text).toContain('    at ');
    expect(text).toContain('https://sts.amazonaws.com');
    expectNoSecrets(text);
  });

  it('redacts key ids, long base64 runs and name=value secrets, and keeps ordinary words', () => {
    expect(redactSecrets(`id ${KEY_ID}`)).toBe('id [redacted]');
    expect(redactSecrets('token=abc123')).toBe('token=[redacted]');
    expect(redactSecrets('aws_secret_access_key = abc/def')).toBe('aws_secret_access_key = [redacted]');
    expect(redactSecrets('{"SecretAccessKey":"abc","Expiration":"2026"}')).toBe('{"SecretAccessKey":"[redacted]","Expiration":"2026"}');
    expect(redactSecrets('otpauth://totp/AWS:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DP')).toBe('otpauth://totp/AWS:alice?secret=[redacted]');
    expect(redactSecrets('seed GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe('seed [redacted]');
    expect(redactSecrets('token wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end')).toBe('token [redacted] end');
    for (const ordinary of [
      'at Object.<anonymous> (/work/touchrole/dist/src-main/app/tray-app.js:120:16)',
      'the agent closed the connection after 500 ms',
      'reading sessions: ENOENT',
      'keychain-unavailable: The OS keychain is not available',
      'SW=0x6a84 (NO_SPACE) INS_CALCULATE_ALL',
    ]) {
      expect(redactSecrets(ordinary)).toBe(ordinary);
    }
  });

  it('rotates by size and keeps three old files', () => {
    const log = new AppLog({ dir: mkdtempSync(join(tmpdir(), 'touchrole-log-')), maxBytes: 200 });
    for (let i = 0; i < 40; i++) log.info('tray', `line ${i} ${'x'.repeat(40)}`);
    const dir = join(log.path, '..');
    expect(readdirSync(dir).sort()).toEqual(['touchrole.1.log', 'touchrole.2.log', 'touchrole.3.log', 'touchrole.log']);
    expect(readFileSync(log.path, 'utf8')).toContain('line 39');
  });

  it('logs unexpected IPC and tray failures, secrets removed, while the user sees a plain message', async () => {
    const log = tmpLog();
    const h = await startHarness({ extra: { reportError: (source, what, e) => log.error(source, what, e) } });
    vi.spyOn(h.backend, 'sessions').mockRejectedValueOnce(secretError());
    h.trayApp.showWindow('sessions');
    const answer = await h.electron.ipc.invoke(IPC_CHANNELS.sessionsList, h.electron.window.webContents.sender());
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'touchrole failed unexpectedly (sessionsList)', hint: 'Try again; if it keeps failing, restart touchrole.' },
    });
    vi.spyOn(h.backend, 'end').mockRejectedValueOnce(secretError());
    h.backend.addSession('admin', NOW + 60 * MIN);
    h.electron.tray.click(['admin — 1h 00m left', 'End session']);
    await settle();
    const text = readFileSync(log.path, 'utf8');
    expect(text).toContain('[ipc] sessionsList: Error: request failed');
    expect(text).toContain('[tray] Ending admin: Error: request failed');
    expectNoSecrets(text);
    expectNoSecrets(JSON.stringify(h.electron.notifications.map((n) => n.options)));
  });

  it('the secret of keys add: a foreign failure quoting it reaches neither the window, the log nor a notification', async () => {
    const log = tmpLog();
    const h = await startHarness({ extra: { reportError: (source, what, e) => log.error(source, what, e) } });
    const secret = 'Zq3vK8pLm2Xw9Rt/Yb7Nc4Hd6Jf1Gs5Ae0Ui+Oo';
    vi.spyOn(h.backend, 'addSourceKey').mockImplementationOnce((r) => Promise.reject(new Error(`keychain refused ${r.profile}: ${r.secretAccessKey}`)));
    h.trayApp.showWindow('reminders');
    const request = { profile: 'ops', accessKeyId: 'AKIAOPSOPSOPSOPS1234', secretAccessKey: secret, replace: false };
    const answer = await h.electron.ipc.invoke(IPC_CHANNELS.addSourceKey, h.electron.window.webContents.sender(), request);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', message: 'touchrole failed unexpectedly (addSourceKey)' } });
    const text = readFileSync(log.path, 'utf8');
    expect(text).toContain('[ipc] addSourceKey: Error: keychain refused ops: [redacted]');
    for (const seen of [text, JSON.stringify(answer), JSON.stringify(h.electron.notifications)]) expect(seen).not.toContain(secret.slice(0, 12));
  });

  it("logs the agent's own lines (a TouchroleError is logged by code and message)", () => {
    const log = tmpLog();
    log.error('agent', 'expiring admin', new TouchroleError('file-locked', 'credentials file is locked by another process'));
    expect(readFileSync(log.path, 'utf8')).toContain('[agent] expiring admin: file-locked: credentials file is locked by another process');
  });
});

describe('startup failure', () => {
  it('shows the message, the hint and where the log is, logs it, and exits 1', () => {
    const electron = new FakeElectron();
    const log = tmpLog();
    reportStartupFailure(
      electron,
      log,
      new TouchroleError('config-parse-error', 'settings.ini line 3: expected key = value', { hint: 'Fix or delete settings.ini.' }),
    );
    expect(electron.dialog.errorBoxes).toEqual([
      {
        title: 'touchrole could not start',
        content: `settings.ini line 3: expected key = value\n\nFix or delete settings.ini.\n\nDetails are in ${log.path}.`,
      },
    ]);
    expect(electron.app.events).toEqual(['exit 1']);
    expect(readFileSync(log.path, 'utf8')).toContain('[startup] touchrole could not start: config-parse-error: settings.ini line 3');
  });

  it('an unexpected failure is shown without secrets', () => {
    const electron = new FakeElectron();
    const log = tmpLog();
    reportStartupFailure(electron, log, secretError());
    const shown = electron.dialog.errorBoxes[0]?.content ?? '';
    expect(shown).toMatch(/^touchrole failed unexpectedly \(Error: request failed/);
    expectNoSecrets(shown);
    expectNoSecrets(readFileSync(log.path, 'utf8'));
  });
});
