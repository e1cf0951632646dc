// SPDX-License-Identifier: MIT
// The window's code, whoami, clean and decode calls through main's IPC handlers to the fake backend.
import { describe, expect, it } from 'vitest';
import { backendHandlers, isTrustedSender, registerIpc } from '../../../src-main/app/ipc';
import { buildTouchroleApi } from '../../../src-main/app/preload-api';
import { buildWindowOptions } from '../../../src-main/app/window';
import type { SessionView } from '../../../src-shared/models';
import { ManualClock } from '../../../src-shared/time/clock';
import { FakeBackend } from '../../support/fake-backend';
import { FakeElectron, FakePreload } from '../../support/fake-electron';

const NOW = Date.parse('2026-11-23T10:00:10Z');

function setup(): { backend: FakeBackend; api: ReturnType<typeof buildTouchroleApi>; clock: ManualClock } {
  const electron = new FakeElectron();
  const window = electron.createWindow(buildWindowOptions('/p.js'));
  const clock = new ManualClock(NOW);
  const backend = new FakeBackend({ clock });
  registerIpc(electron.ipc, backendHandlers(backend), (event) => isTrustedSender(event, window.webContents));
  const preload = new FakePreload();
  preload.ipcRenderer.invoke = (channel, ...args) => electron.ipc.invoke(channel, window.webContents.sender(), ...args);
  return { backend, api: buildTouchroleApi(preload.ipcRenderer), clock };
}

describe('ipc: yubikey code, whoami, clean, decode', () => {
  it('a code from the key the window picked, valid to the end of its step, after a touch', async () => {
    const { api, backend } = setup();
    const touches: string[] = [];
    backend.on('touchPrompt', (e) => touches.push(e.state));
    const r = await api.yubikeyCode({ name: 'arn:aws:iam::123456789012:mfa/alice', deviceId: 'c4f1e2a9' });
    expect(r).toEqual({
      ok: true,
      value: { credential: 'AWS:arn:aws:iam::123456789012:mfa/alice', code: expect.stringMatching(/^\d{6}$/), validTo: '2026-11-23T10:00:30.000Z' },
    });
    expect(touches).toEqual(['needed', 'done']);
    expect(backend.calls.filter((c) => c.method === 'yubikeyCode')).toEqual([
      { method: 'yubikeyCode', args: ['arn:aws:iam::123456789012:mfa/alice', 'c4f1e2a9'] },
    ]);
    expect(await api.yubikeyCode({ name: 'arn:aws:iam::123456789012:mfa/alice', deviceId: 'another' })).toMatchObject({
      ok: false,
      error: { code: 'oath-no-such-credential' },
    });
  });

  it("a code from an OTP slot (a touch, valid to the end of its step); an empty slot is the core's error", async () => {
    const { api, backend } = setup();
    const touches: string[] = [];
    backend.on('touchPrompt', (e) => touches.push(e.state));
    expect(await api.yubikeyCode({ slot: 2 })).toEqual({
      ok: true,
      value: { credential: 'OTP slot 2', code: expect.stringMatching(/^\d{6}$/), validTo: '2026-11-23T10:00:30.000Z' },
    });
    expect(touches).toEqual(['needed', 'done']);
    expect(await api.yubikeyCode({ slot: 1 })).toMatchObject({
      ok: false,
      error: { code: 'otp-slot-not-programmed', message: 'YubiKey OTP slot 1 is empty', hint: expect.stringContaining('ykman otp chalresp --totp 1') },
    });
    const bad = await api.yubikeyCode({ slot: 3 } as never);
    expect(bad).toEqual({ ok: false, error: { code: 'ipc-rejected', message: 'yubikeyCode: slot must be 1 or 2' } });
    expect(backend.calls.filter((c) => c.method === 'yubikeyCode').map((c) => c.args)).toEqual([['slot 2'], ['slot 1']]);
  });

  it('refuses a malformed request before the backend sees it', async () => {
    const { api, backend } = setup();
    const bad = (await api.decodeMessage({ profile: 'admin', message: 'two words' })) as { ok: false; error: { code: string; message: string } };
    expect(bad.error).toEqual({ code: 'ipc-rejected', message: 'decodeMessage: message must hold only letters, digits and + / = _ -' });
    expect(await api.whoami({ profile: '' })).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } });
    expect(backend.calls).toEqual([]);
  });

  it('whoami reuses the session held (no touch) and passes failures on as wire errors', async () => {
    const { api, backend, clock } = setup();
    backend.addSession('admin', clock.now() + 3600_000);
    const touches: string[] = [];
    backend.on('touchPrompt', (e) => touches.push(e.state));
    expect(await api.whoami({ profile: 'admin' })).toEqual({
      ok: true,
      value: {
        profile: 'admin',
        account: '123456789012',
        arn: 'arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice',
        userId: 'AROAFAKE:touchrole-alice',
        lines: ['arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice', 'account 123456789012, user id AROAFAKE:touchrole-alice'],
      },
    });
    expect(touches).toEqual([]);
    expect(await api.whoami({ profile: 'locked' })).toMatchObject({ ok: false, error: { code: 'oath-locked' } });
  });

  it('clean removes the expired sessions, says so in the CLI words, and the session list follows', async () => {
    const { api, backend, clock } = setup();
    backend.addSession('admin', clock.now() + 60_000);
    backend.addSession('prod-readonly', clock.now() + 3600_000);
    clock.advance(120_000);
    const lists: SessionView[][] = [];
    backend.on('sessionsChanged', (s) => lists.push(s));
    expect(await api.clean()).toEqual({
      ok: true,
      value: {
        removed: ['admin-touchrole'],
        cacheEntriesRemoved: 1,
        tempFilesRemoved: 0,
        lines: ['Removed 1 expired session(s) from /home/alice/.aws/credentials: admin-touchrole', 'Removed 1 expired cache entry'],
      },
    });
    expect(lists.map((l) => l.map((s) => s.profile))).toEqual([['prod-readonly']]);
    expect(backend.log).toEqual(['clean']);
  });

  it('decode answers indented JSON, and STS refusing the message as an error with a hint', async () => {
    const { api, backend } = setup();
    backend.tools.messages.set('Zm9v-_', '{"allowed":false,"context":{"action":"s3:GetObject"}}');
    expect(await api.decodeMessage({ profile: 'admin', message: 'Zm9v-_' })).toEqual({
      ok: true,
      value: '{\n  "allowed": false,\n  "context": {\n    "action": "s3:GetObject"\n  }\n}',
    });
    expect(await api.decodeMessage({ profile: 'admin', message: 'other' })).toMatchObject({
      ok: false,
      error: { code: 'sts-error', hint: expect.any(String) },
    });
  });
});
