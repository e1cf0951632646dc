// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { OathKeyStore } from '../../../../src-main/core/vault/oath-key-store';
import { FakeKeychain } from '../../../support/fake-keychain';

describe('OathKeyStore', () => {
  it('stores keys hex-encoded under oath-key:<deviceId> and reads them back as bytes', async () => {
    const keychain = new FakeKeychain();
    const store = new OathKeyStore(keychain);
    const key = Uint8Array.from([0x00, 0x01, 0xab, 0xff]);
    await store.set('dev1', key);
    expect(keychain.entries.get('oath-key:dev1')).toBe('0001abff');
    expect(await store.get('dev1')).toEqual(key);
    expect(await store.list()).toEqual(['dev1']);
  });

  it('returns undefined for an unknown device and removes keys', async () => {
    const store = new OathKeyStore(new FakeKeychain());
    expect(await store.get('x')).toBeUndefined();
    await store.set('x', Uint8Array.of(1));
    expect(await store.remove('x')).toBe(true);
    expect(await store.get('x')).toBeUndefined();
  });

  it.each(['', 'abc', 'zz', '00 11'])('rejects a stored value that is not hex bytes: %j', async (raw) => {
    const keychain = new FakeKeychain();
    keychain.entries.set('oath-key:d', raw);
    await expect(new OathKeyStore(keychain).get('d')).rejects.toMatchObject({ code: 'keychain-entry-invalid' });
  });
});
