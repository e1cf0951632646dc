// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { SourceKeyStore } from '../../../../src-main/core/vault/source-key-store';
import { ManualClock } from '../../../../src-shared/time/clock';
import { FakeKeychain } from '../../../support/fake-keychain';

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

describe('SourceKeyStore', () => {
  const setup = () => {
    const keychain = new FakeKeychain();
    const store = new SourceKeyStore(keychain, new ManualClock(Date.UTC(2024, 0, 2, 3, 4, 5)));
    return { keychain, store };
  };

  it('stores JSON under source-keys:<profile> with the import time from the clock', async () => {
    const { keychain, store } = setup();
    await store.set('dev', KEYS);
    expect(JSON.parse(keychain.entries.get('source-keys:dev') ?? '')).toEqual({ ...KEYS, importedAt: '2024-01-02T03:04:05.000Z' });
    expect(await store.get('dev')).toEqual({ ...KEYS, importedAt: '2024-01-02T03:04:05.000Z' });
  });

  it('keeps an explicit importedAt', async () => {
    const { store } = setup();
    await store.set('dev', KEYS, '2020-05-05T00:00:00.000Z');
    expect((await store.get('dev'))?.importedAt).toBe('2020-05-05T00:00:00.000Z');
  });

  it('returns undefined for a profile without keys', async () => {
    expect(await setup().store.get('none')).toBeUndefined();
  });

  it('lists profiles and key ids sorted, never secrets, ignoring other accounts', async () => {
    const { keychain, store } = setup();
    await store.set('zeta', KEYS);
    await store.set('alpha', { ...KEYS, accessKeyId: 'AKIAALPHAALPHAALPHA1' });
    await keychain.set('oath-key:abc', '00ff');
    const list = await store.list();
    expect(list).toEqual([
      { profile: 'alpha', accessKeyId: 'AKIAALPHAALPHAALPHA1', importedAt: '2024-01-02T03:04:05.000Z' },
      { profile: 'zeta', accessKeyId: KEYS.accessKeyId, importedAt: '2024-01-02T03:04:05.000Z' },
    ]);
    expect(JSON.stringify(list)).not.toContain(KEYS.secretAccessKey);
  });

  it('removes, and says whether there was something to remove', async () => {
    const { store } = setup();
    await store.set('dev', KEYS);
    expect(await store.remove('dev')).toBe(true);
    expect(await store.remove('dev')).toBe(false);
    expect(await store.get('dev')).toBeUndefined();
  });

  it.each(['not json', '{"accessKeyId":"A"}', '[]', 'null', '{"accessKeyId":1,"secretAccessKey":"s","importedAt":"t"}'])(
    'rejects a malformed entry %s without echoing it',
    async (raw) => {
      const { keychain, store } = setup();
      keychain.entries.set('source-keys:dev', raw);
      const error = await store.get('dev').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'keychain-entry-invalid' });
      expect((error as Error).message).not.toContain(raw);
    },
  );

  it('passes keychain errors through', async () => {
    const { keychain, store } = setup();
    keychain.locked = true;
    await expect(store.list()).rejects.toMatchObject({ code: 'keychain-locked' });
  });
});
