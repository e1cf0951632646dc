// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { API_KEY, exposeTouchroleApi } from '../../../src-main/app/preload-api';
import { IPC_CHANNELS, IPC_EVENT_CHANNELS, IPC_METHODS, type TouchroleApi } from '../../../src-shared/ipc-contract';
import { FakePreload } from '../../support/fake-electron';

function exposed(): { preload: FakePreload; api: TouchroleApi } {
  const preload = new FakePreload();
  exposeTouchroleApi(preload);
  const api = preload.exposed.get(API_KEY) as TouchroleApi;
  return { preload, api };
}

describe('preload', () => {
  it('exposes window.touchrole and nothing else', () => {
    const { preload } = exposed();
    expect([...preload.exposed.keys()]).toEqual(['touchrole']);
  });

  it('exposes exactly one function per contract method, plus on', () => {
    const { api } = exposed();
    expect(Object.keys(api).sort()).toEqual([...IPC_METHODS, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each method on its channel with its argument', async () => {
    const { api, preload } = exposed();
    preload.answer = (channel) => ({ ok: true, value: channel });
    expect(await api.sessionsList()).toEqual({ ok: true, value: IPC_CHANNELS.sessionsList });
    await api.elevate({ profile: 'admin', durationSeconds: 3600 });
    await api.unlock({ password: 'pw' });
    expect(preload.invoked).toEqual([
      { channel: IPC_CHANNELS.sessionsList, args: [] },
      { channel: IPC_CHANNELS.elevate, args: [{ profile: 'admin', durationSeconds: 3600 }] },
      { channel: IPC_CHANNELS.unlock, args: [{ password: 'pw' }] },
    ]);
  });

  it('turns a malformed answer from main into an error result', async () => {
    const { api, preload } = exposed();
    preload.answer = () => 'surprise';
    expect(await api.sessionsList()).toEqual({ ok: false, error: { code: 'internal', message: 'touchrole got a malformed answer from its main process' } });
  });

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const { api, preload } = exposed();
    const seen: unknown[][] = [];
    const off = api.on('touchPrompt', (...args: unknown[]) => seen.push(args));
    preload.emit(IPC_EVENT_CHANNELS.touchPrompt, { state: 'needed', profile: 'admin' });
    expect(seen).toEqual([[{ state: 'needed', profile: 'admin' }]]);
    off();
    expect(preload.listenerCount(IPC_EVENT_CHANNELS.touchPrompt)).toBe(0);
    preload.emit(IPC_EVENT_CHANNELS.touchPrompt, { state: 'done' });
    expect(seen).toHaveLength(1);
  });

  it('refuses unknown events', () => {
    const { api } = exposed();
    expect(() => (api.on as (e: string, l: () => void) => void)('ipcRenderer', () => undefined)).toThrow('touchrole: unknown event ipcRenderer');
  });
});
