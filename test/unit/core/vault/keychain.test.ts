// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { createOsKeychain, type OsKeychainOptions } from '../../../../src-main/core/vault/keychain';

type Api = NonNullable<OsKeychainOptions['loadKeytar']> extends () => Promise<infer T> ? T : never;

/** A keytar stand-in recording calls; `fail` makes every call reject with that message. */
function fakeKeytar(fail?: string) {
  const data = new Map<string, string>();
  const calls: string[] = [];
  const go = <T>(name: string, value: () => T): Promise<T> => {
    calls.push(name);
    return fail === undefined ? Promise.resolve(value()) : Promise.reject(new Error(fail));
  };
  const api: Api = {
    getPassword: (s, a) => go('get', () => data.get(`${s}/${a}`) ?? null),
    setPassword: (s, a, p) => go('set', () => void data.set(`${s}/${a}`, p)),
    deletePassword: (s, a) => go('delete', () => data.delete(`${s}/${a}`)),
    findCredentials: (s) =>
      go('find', () => [...data.entries()].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password }))),
  };
  return { api, data, calls };
}

describe('createOsKeychain', () => {
  it('stores under its service name and lists accounts by prefix, sorted, without secrets', async () => {
    const k = fakeKeytar();
    const chain = createOsKeychain({ service: 'svc', platform: 'linux', sessionBus: () => true, isLocked: async () => false, loadKeytar: async () => k.api });
    await chain.set('b:2', 'x');
    await chain.set('b:1', 'y');
    await chain.set('a:1', 'z');
    expect(k.data.get('svc/b:2')).toBe('x');
    expect(await chain.get('b:1')).toBe('y');
    expect(await chain.list('b:')).toEqual(['b:1', 'b:2']);
    expect(await chain.delete('b:1')).toBe(true);
    expect(await chain.delete('b:1')).toBe(false);
  });

  it('uses the service "touchrole" by default', async () => {
    const k = fakeKeytar();
    await createOsKeychain({ platform: 'darwin', loadKeytar: async () => k.api }).set('a', 's');
    expect([...k.data.keys()]).toEqual(['touchrole/a']);
  });

  it('reports a miss as undefined when the collection is not locked', async () => {
    const k = fakeKeytar();
    const chain = createOsKeychain({ platform: 'linux', sessionBus: () => true, isLocked: async () => false, loadKeytar: async () => k.api });
    expect(await chain.get('nope')).toBeUndefined();
  });

  it('turns a miss on a locked Linux collection into keychain-locked', async () => {
    const k = fakeKeytar();
    const chain = createOsKeychain({ platform: 'linux', sessionBus: () => true, isLocked: async () => true, loadKeytar: async () => k.api });
    await expect(chain.get('nope')).rejects.toMatchObject({ code: 'keychain-locked' });
    await expect(chain.delete('nope')).rejects.toMatchObject({ code: 'keychain-locked' });
  });

  it('never calls findCredentials on a locked Linux collection (it crashes libsecret)', async () => {
    const k = fakeKeytar();
    const chain = createOsKeychain({ platform: 'linux', sessionBus: () => true, isLocked: async () => true, loadKeytar: async () => k.api });
    await expect(chain.list('')).rejects.toMatchObject({ code: 'keychain-locked' });
    expect(k.calls).not.toContain('find');
  });

  it('does not probe the lock state off Linux', async () => {
    const k = fakeKeytar();
    let probed = false;
    const chain = createOsKeychain({ platform: 'darwin', isLocked: async () => (probed = true), loadKeytar: async () => k.api });
    expect(await chain.get('x')).toBeUndefined();
    expect(await chain.list('')).toEqual([]);
    expect(probed).toBe(false);
  });

  it('maps keytar rejections to TouchroleErrors', async () => {
    const k = fakeKeytar('Cannot autolaunch D-Bus without X11 $DISPLAY');
    const chain = createOsKeychain({ platform: 'linux', sessionBus: () => true, isLocked: async () => undefined, loadKeytar: async () => k.api });
    await expect(chain.set('a', 'secret-value')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(chain.get('a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
  });

  it('reports a keytar that cannot load as unavailable, and retries loading next time', async () => {
    let attempts = 0;
    const k = fakeKeytar();
    const chain = createOsKeychain({
      platform: 'linux',
      sessionBus: () => true,
      isLocked: async () => false,
      loadKeytar: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('libsecret-1.so.0: cannot open shared object file');
        return k.api;
      },
    });
    await expect(chain.get('a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect(await chain.get('a')).toBeUndefined();
  });

  it('loads keytar lazily, once', async () => {
    let loads = 0;
    const k = fakeKeytar();
    const chain = createOsKeychain({ platform: 'darwin', loadKeytar: async () => (loads++, k.api) });
    expect(loads).toBe(0);
    await chain.get('a');
    await chain.get('b');
    expect(loads).toBe(1);
  });

  it('on Linux with no session bus anywhere, says so at once: no keytar load, no dbus-send', async () => {
    let loads = 0;
    let lockChecks = 0;
    const k = fakeKeytar();
    const chain = createOsKeychain({
      platform: 'linux',
      sessionBus: () => false,
      isLocked: async () => (lockChecks++, false),
      loadKeytar: async () => (loads++, k.api),
    });
    await expect(chain.list('')).rejects.toMatchObject({ code: 'keychain-unavailable', message: expect.stringContaining('no D-Bus session bus') });
    await expect(chain.get('a')).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect({ loads, lockChecks }).toEqual({ loads: 0, lockChecks: 0 });
  });
});
