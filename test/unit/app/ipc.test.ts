// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { backendHandlers, isTrustedSender, registerIpc } from '../../../src-main/app/ipc';
import { buildTouchroleApi } from '../../../src-main/app/preload-api';
import { TouchroleError } from '../../../src-shared/errors';
import { IPC_CHANNELS, IPC_METHODS, type TouchroleApi } from '../../../src-shared/ipc-contract';
import { ManualClock } from '../../../src-shared/time/clock';
import { FakeBackend } from '../../support/fake-backend';
import { FAKE_PASSWORD } from '../../support/fake-yubikey';
import { buildWindowOptions } from '../../../src-main/app/window';
import { FakeElectron, FakePreload, type FakeWindow } from '../../support/fake-electron';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';

function setup(): { electron: FakeElectron; window: FakeWindow; backend: FakeBackend; api: TouchroleApi; unregister: () => void } {
  const electron = new FakeElectron();
  const window = electron.createWindow(buildWindowOptions('/p.js'));
  const backend = new FakeBackend({ clock: new ManualClock(NOW), locked: true });
  const unregister = registerIpc(electron.ipc, backendHandlers(backend), (event) => isTrustedSender(event, window.webContents));
  // The in-memory pair: preload -> ipcRenderer.invoke -> ipcMain handler, as from our page.
  const preload = new FakePreload();
  preload.ipcRenderer.invoke = (channel, ...args) => electron.ipc.invoke(channel, window.webContents.sender(), ...args);
  return { electron, window, backend, api: buildTouchroleApi(preload.ipcRenderer), unregister };
}

describe('ipc: registration', () => {
  it('registers exactly one handler per contract method and removes them all', () => {
    const { electron, unregister } = setup();
    expect([...electron.ipc.handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    unregister();
    expect(electron.ipc.handlers.size).toBe(0);
  });
});

describe('ipc: senders', () => {
  it('trusts only the top frame of our own window, by identity', () => {
    const electron = new FakeElectron();
    const ours = electron.createWindow(buildWindowOptions('/p.js')).webContents;
    const other = electron.createWindow(buildWindowOptions('/p.js')).webContents;
    expect(isTrustedSender(ours.sender('main'), ours)).toBe(true);
    expect(isTrustedSender(ours.sender('subframe'), ours)).toBe(false);
    expect(isTrustedSender(other.sender('main'), ours)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: other.mainFrame }, ours)).toBe(false);
    expect(isTrustedSender({ sender: other, senderFrame: ours.mainFrame }, ours)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null }, ours)).toBe(false);
    expect(isTrustedSender(ours.sender('main'), undefined)).toBe(false);
    // Same URL, different frame object: a URL string proves nothing.
    expect(isTrustedSender({ sender: ours, senderFrame: { url: 'file:///app/dist/renderer/index.html' } }, ours)).toBe(false);
  });

  it('refuses calls from other frames before the backend sees them', async () => {
    const { electron, window, backend } = setup();
    const other = electron.createWindow(buildWindowOptions('/p.js')).webContents;
    const result = await electron.ipc.invoke(IPC_CHANNELS.elevate, other.sender(), { profile: 'admin', durationSeconds: 3600 });
    expect(result).toEqual({ ok: false, error: { code: 'ipc-rejected', message: "elevate: refused a call from a page that is not touchrole's window" } });
    const subframe = await electron.ipc.invoke(IPC_CHANNELS.sessionsList, window.webContents.sender('subframe'));
    expect(subframe).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } });
    const noFrame = await electron.ipc.invoke(IPC_CHANNELS.sessionsList, { sender: window.webContents, senderFrame: null });
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } });
    expect(backend.calls).toEqual([]);
  });
});

describe('ipc: payloads', () => {
  it('refuses malformed payloads and extra arguments before the backend sees them', async () => {
    const { electron, window, backend } = setup();
    const invoke = (channel: string, ...args: unknown[]): Promise<unknown> => electron.ipc.invoke(channel, window.webContents.sender(), ...args);
    expect(await invoke(IPC_CHANNELS.elevate, { profile: 'admin', durationSeconds: 60 })).toEqual({
      ok: false,
      error: { code: 'ipc-rejected', message: 'elevate: durationSeconds must be whole seconds from 900 to 129600' },
    });
    expect(await invoke(IPC_CHANNELS.end, { profile: 'admin', extra: 1 })).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } });
    expect(await invoke(IPC_CHANNELS.sessionsList, 'x')).toMatchObject({ ok: false, error: { code: 'ipc-rejected' } });
    expect(await invoke(IPC_CHANNELS.renew, { profile: 'admin' }, 'second')).toEqual({
      ok: false,
      error: { code: 'ipc-rejected', message: 'renew: takes at most one argument' },
    });
    expect(backend.calls).toEqual([]);
  });
});

describe('ipc: end to end over the preload API', () => {
  it('every contract method reaches the backend and answers as data', async () => {
    const { api, backend } = setup();
    expect(await api.sessionsList()).toEqual({ ok: true, value: [] });
    expect(await api.profilesList()).toMatchObject({ ok: true, value: [{ name: 'admin' }, { name: 'prod-readonly' }] });
    expect(await api.yubikeyStatus()).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await api.unlock({ password: FAKE_PASSWORD })).toMatchObject({ ok: true, value: { state: 'ready' } });
    const elevated = await api.elevate({ profile: 'admin', durationSeconds: 3600 });
    expect(elevated).toEqual({
      ok: true,
      value: { profile: 'admin', expiration: '2026-11-23T11:00:00.000Z', roleArn: 'arn:aws:iam::123456789012:role/Admin', writtenProfile: 'admin-touchrole' },
    });
    expect(await api.renew({ profile: 'admin' })).toMatchObject({ ok: true, value: { profile: 'admin' } });
    expect(await api.end({ profile: 'admin' })).toEqual({ ok: true, value: null });
    expect(await api.settingsGet()).toMatchObject({ ok: true, value: { warnMinutes: [10, 2] } });
    const settings = { warnMinutes: [2, 15], defaultDurationSeconds: 7200, startAtLogin: true, profileSuffix: '-elevated' };
    expect(await api.settingsSet(settings)).toEqual({ ok: true, value: { ...settings, warnMinutes: [15, 2] } });
    expect(await api.rotationReminders()).toEqual({ ok: true, value: [] });
    expect(await api.keyAges()).toMatchObject({
      ok: true,
      value: [
        { profile: 'work', due: true },
        { profile: 'lab', mfaSerial: null },
      ],
    });
    expect(await api.rotateKey({ profile: 'work' })).toMatchObject({
      ok: true,
      value: { message: expect.stringMatching(/^Rotated "work": new key AKIAWORKNEW1/) },
    });
    expect(await api.finishRotation({ profile: 'work' })).toEqual({ ok: true, value: { message: 'Deleted old key AKIAWORKOLD of "work"' } });
    expect(await api.registerMfaDevice({ profile: 'lab' })).toMatchObject({
      ok: true,
      value: { message: expect.stringContaining('mfa_serial set in profile "lab"') },
    });
    expect(await api.unregisterMfaDevice({ profile: 'lab' })).toMatchObject({
      ok: true,
      value: { message: expect.stringContaining('mfa_serial removed from "lab"') },
    });
    expect(await api.sourceKeys()).toEqual({ ok: true, value: [{ profile: 'work', accessKeyId: 'AKIAWORKNEW1', storedAt: '2026-07-01T09:00:00.000Z' }] });
    expect(await api.addSourceKey({ profile: 'new', accessKeyId: 'AKIANEWNEWNEWNEW1234', secretAccessKey: SECRET, replace: false })).toEqual({
      ok: true,
      value: { message: 'Stored AKIANEWNEWNEWNEW1234 for profile "new" in the keychain' },
    });
    expect(await api.importSourceKey({ profile: 'lab', replace: false })).toMatchObject({
      ok: true,
      value: { message: expect.stringMatching(/^Moved AKIALABOLD/) },
    });
    expect(await api.removeSourceKey({ profile: 'new' })).toEqual({ ok: true, value: { message: 'Removed the keys of profile "new" from the keychain' } });
    expect(await api.yubikeyCode({ name: 'arn:aws:iam::123456789012:mfa/alice', deviceId: 'c4f1e2a9' })).toMatchObject({
      ok: true,
      value: { credential: 'AWS:arn:aws:iam::123456789012:mfa/alice', validTo: '2026-11-23T10:00:30.000Z' },
    });
    expect(await api.whoami({ profile: 'admin' })).toMatchObject({ ok: true, value: { arn: 'arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice' } });
    expect(await api.clean()).toMatchObject({ ok: true, value: { removed: [], lines: ['No expired sessions in /home/alice/.aws/credentials'] } });
    backend.tools.messages.set('abc', '{"allowed":false}');
    expect(await api.decodeMessage({ profile: 'admin', message: 'abc' })).toEqual({ ok: true, value: '{\n  "allowed": false\n}' });
    const reached = new Set(backend.calls.map((c) => c.method));
    expect(reached.size).toBe(IPC_METHODS.length); // one backend method per contract method
  });

  it('turns TouchroleErrors into wire errors with message and hint', async () => {
    const { api } = setup();
    expect(await api.unlock({ password: 'wrong' })).toEqual({
      ok: false,
      error: { code: 'oath-wrong-password', message: 'wrong password for the YubiKey OATH applet', hint: 'Try again; ykman oath access change can reset it.' },
    });
  });

  it('hides the text of unexpected errors', async () => {
    const { api, backend } = setup();
    backend.rotationReminders = () => Promise.reject(new Error('secret AKIA1234 leaked in a stack'));
    const result = await api.rotationReminders();
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'touchrole failed unexpectedly (rotationReminders)', hint: 'Try again; if it keeps failing, restart touchrole.' },
    });
  });

  it('passes a TouchroleError thrown by the backend through unchanged', async () => {
    const { api, backend } = setup();
    backend.failNext('sessions', new TouchroleError('agent-unavailable', 'the agent stopped', { hint: 'Restart touchrole.' }));
    expect(await api.sessionsList()).toEqual({ ok: false, error: { code: 'agent-unavailable', message: 'the agent stopped', hint: 'Restart touchrole.' } });
  });
});

describe('ipc: the keychain key secret crosses once', () => {
  it('reaches the backend and never comes back: not in the result, the recorded call or the key lists', async () => {
    const { api, backend } = setup();
    const added = await api.addSourceKey({ profile: 'new', accessKeyId: 'AKIANEWNEWNEWNEW1234', secretAccessKey: SECRET, replace: false });
    expect(added.ok).toBe(true);
    const answers = [added, await api.sourceKeys(), await api.keyAges()];
    expect(JSON.stringify([answers, backend.calls])).not.toContain(SECRET);
    expect(backend.log).toEqual(['addSourceKey new']);
  });

  it('a rejected secret or key ID: the field is named, the value is not, and the backend never sees it', async () => {
    const { api, backend } = setup();
    const spaced = `${SECRET} tail`;
    const bad = await api.addSourceKey({ profile: 'new', accessKeyId: 'AKIANEWNEWNEWNEW1234', secretAccessKey: spaced, replace: false });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'ipc-rejected', message: 'addSourceKey: secretAccessKey must be a non-empty string of at most 1024 characters without whitespace' },
    });
    const badId = await api.addSourceKey({ profile: 'new', accessKeyId: SECRET, secretAccessKey: SECRET, replace: false });
    expect(badId).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^addSourceKey: accessKeyId must be/) } });
    expect(JSON.stringify([bad, badId])).not.toContain('wJalr');
    expect(backend.calls).toEqual([]);
  });

  it('a backend failure carrying the secret reaches the window without it', async () => {
    const { api } = setup();
    // The fake's profile 'crash' throws a foreign error whose text holds a secret.
    const crashed = await api.addSourceKey({ profile: 'crash', accessKeyId: 'AKIANEWNEWNEWNEW1234', secretAccessKey: SECRET, replace: false });
    expect(crashed).toEqual({
      ok: false,
      error: { code: 'internal', message: 'touchrole failed unexpectedly (addSourceKey)', hint: 'Try again; if it keeps failing, restart touchrole.' },
    });
    const refused = await api.addSourceKey({ profile: 'new', accessKeyId: 'ASIATEMPTEMPTEMP1234', secretAccessKey: SECRET, replace: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(JSON.stringify([crashed, refused])).not.toContain('wJalr');
  });
});
