// SPDX-License-Identifier: MIT
/** Scripted card replies (YKOATH and the management applet) and readers that play them, for OathClient's unit tests. */
import { expect } from 'vitest';
import { hexToBytes } from '../../src-shared/bytes';
import { TouchroleError } from '../../src-shared/errors';
import { OathClient } from '../../src-main/core/oath/oath-client';
import type { CardTransport } from '../../src-main/core/transport/card-transport';
import type { CardReaders, ReaderInfo } from '../../src-main/core/transport/readers';
import { FakeKeychain } from './fake-keychain';
import { ScriptedTransport, type ScriptStep } from './scripted-transport';

export const DEVICE_ID = 'ZoQN2hVOihE8Md0K0y9/Og';
export const SELECT = { expect: '00a4040007a0000005272101', reply: '7903050403 7108 0102030405060708 9000' };
export const SELECT_LOCKED = { expect: SELECT.expect, reply: '7903050403 7108 0102030405060708 7408 1122334455667788 7b0121 9000' };
export const MGMT = [
  { expect: '00a4040008a000000527471117', reply: '352e342e33 9000' },
  { expect: '001d000000', reply: '0a 0102023b 0204 00bc614e 9000' },
];
export const NO_MGMT = [{ expect: '00a4040008a000000527471117', reply: '6a82' }];
export const T = 1111111111_000;
export const CALCULATE_ALL = {
  expect: '00a400010a740800000000023523ed',
  reply: '71274157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c6963657605061234abcd' + '7106746f756368797c0108 9000',
};
export const LIST = {
  expect: '00a1000000',
  reply: '7228214157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c696365 7207 21746f75636879 9000',
};
export const KEY_HEX = 'd0c6df9806c2b3e3d1627596479f2f95';
export const VALIDATE = '00a30000207514341d95a46932afd634fb9a703b6c525f9c57ad937408a0a1a2a3a4a5a6a7';
export const VALIDATE_OK = '75147a1fc804f8f9be19fbed865412a4e57db406d908 9000';

/** Readers whose card answers each connect with the next script; `busy` readers refuse to connect. */
export class FakeReaders implements CardReaders {
  readonly transports: ScriptedTransport[] = [];
  open = 0;
  maxOpen = 0;
  constructor(private readonly readers: Record<string, { scripts: ScriptStep[][]; busy?: boolean } | undefined>) {}

  async listReaders(): Promise<ReaderInfo[]> {
    return Object.entries(this.readers).map(([name, r]) => ({ name, cardPresent: r !== undefined }));
  }

  async connect(reader: string): Promise<CardTransport> {
    const r = this.readers[reader];
    if (r?.busy) throw new TouchroleError('yubikey-busy', 'busy');
    const script = r?.scripts.shift();
    if (!script) throw new Error(`no script left for ${reader}`);
    const t = new ScriptedTransport(script);
    this.transports.push(t);
    this.maxOpen = Math.max(this.maxOpen, ++this.open);
    return {
      transmit: async (apdu) => {
        await new Promise((resolve) => setTimeout(resolve, 1)); // let a concurrent caller interleave if it could
        return t.transmit(apdu);
      },
      close: async () => {
        this.open--;
        await t.close();
      },
    };
  }

  assertDone(): void {
    for (const t of this.transports) {
      t.assertDone();
      expect(t.closed).toBe(true);
    }
  }
}

/** An OathClient over the readers, with a fixed challenge so that VALIDATE matches its script. */
export const clientOn = (readers: CardReaders, keychain = new FakeKeychain()) =>
  new OathClient({ readers, keychain, randomChallenge: () => hexToBytes('a0a1a2a3a4a5a6a7') });
