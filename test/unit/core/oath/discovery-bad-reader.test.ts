// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { VirtualYubiKey } from '../../../../src-emulators';
import { discoverKeys, type CardReaders } from '../../../../src-main/core/oath';

const failing = new TouchroleError('pcsc-unavailable', 'PC/SC error on "NFC reader": Transaction failed');

function readers(good: boolean): CardReaders {
  const key = VirtualYubiKey.create({ serial: 4242 });
  return {
    listReaders: async () => [{ name: 'NFC reader', cardPresent: true }, ...(good ? [{ name: 'USB YubiKey', cardPresent: true }] : [])],
    connect: async (name) => {
      if (name === 'NFC reader') throw failing;
      return { transmit: (apdu) => key.transmit(apdu), close: async () => undefined };
    },
  };
}

describe('discovery with a reader in trouble', () => {
  it('still finds the YubiKey in another reader', async () => {
    const keys = await discoverKeys(readers(true));
    expect(keys.map((k) => [k.reader, k.serial])).toEqual([['USB YubiKey', 4242]]);
  });

  it('reports the reader error when no key answers at all', async () => {
    await expect(discoverKeys(readers(false))).rejects.toBe(failing);
  });
});
