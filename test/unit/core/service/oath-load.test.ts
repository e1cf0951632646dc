// SPDX-License-Identifier: MIT
/** The YubiKey client's lazy load: PC/SC failures are reported as such, and a failed load is retried. */
import { describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import { FakeKeychain } from '../../../support/fake-keychain';
import { createPcscReaders, OathClient, type CardReaders } from '../../../../src-main/core/oath';
import { composeCore } from '../../../../src-main/core/service';
import { FakeSts } from '../../../support/fake-sts';

const noReaders: CardReaders = { listReaders: async () => [], connect: async () => Promise.reject(new Error('none')) };
const silentPrompter = { waiting: async () => undefined, done: async () => undefined, timedOut: async () => undefined };

describe('PC/SC binding that does not load', () => {
  it('is pcsc-unavailable with the reason and the fix, not "no YubiKey"', async () => {
    const e = await createPcscReaders(() => Promise.reject(new Error('libpcsclite.so.1: cannot open shared object file\nat dlopen'))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TouchroleError);
    expect(e).toMatchObject({ code: 'pcsc-unavailable' });
    const reason = 'libpcsclite.so.1: cannot open shared object file';
    expect((e as TouchroleError).message).toBe(`PC/SC unavailable: the PC/SC binding (smartcard) could not be loaded (${reason})`);
    expect((e as TouchroleError).hint).toContain('libpcsclite1');
  });
});

describe("the composition root's YubiKey client (yubikey.client())", () => {
  it('tries again after a failed load (an agent recovers once pcscd is back), and keeps a client that loaded', async () => {
    let calls = 0;
    const clock = new ManualClock(0);
    const client = new OathClient({ readers: noReaders, keychain: new FakeKeychain() });
    const { yubikey } = composeCore({
      env: { HOME: '/nonexistent' },
      clock,
      prompter: silentPrompter,
      keychain: new FakeKeychain(),
      sts: new FakeSts(clock),
      oath: async () => {
        calls++;
        if (calls === 1) throw new TouchroleError('pcsc-unavailable', 'PC/SC unavailable: pcscd is not running');
        return client;
      },
    });
    await expect(yubikey.client()).rejects.toMatchObject({ code: 'pcsc-unavailable' });
    expect(await yubikey.client()).toBe(client);
    expect(await yubikey.client()).toBe(client);
    expect(calls).toBe(2);
  });
});
