// SPDX-License-Identifier: MIT
/** OathSession against scripted byte exchanges (bytes cross-checked with yubikit 4.0.9). */
import { describe, expect, it } from 'vitest';
import { hexToBytes, utf8Encode } from '../../../../src-shared/bytes';
import { OathSession, type TouchEvent } from '../../../../src-main/core/oath/oath-session';
import { ScriptedTransport, type ScriptStep } from '../../../support/scripted-transport';
import { codeOf } from '../../../support/error-of';

const SELECT = '00a4040007a0000005272101';
const SELECT_OPEN = '7903050403 7108 0102030405060708 9000';
const SELECT_LOCKED = '7903050403 7108 0102030405060708 7408 1122334455667788 7b0121 9000';
const T = 1111111111_000;
const CALCULATE_ALL = '00a400010a740800000000023523ed';
const CALCULATE_ALL_REPLY =
  '71274157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c6963657605061234abcd' +
  '710b4578616d706c653a626f62770106' +
  '7106746f756368797c0108' +
  '710f36302f4769744875623a6361726f6c76050600000001 9000';
const CALCULATE_CAROL_60S = '00a200011b710f36302f4769744875623a6361726f6c740800000000011a91f6';
const CALCULATE_TOUCHY = '00a2000112 7106746f75636879 740800000000023523ed';
const KEY = hexToBytes('d0c6df9806c2b3e3d1627596479f2f95'); // PBKDF2("hunter2", 0102..08)
const OUR_CHALLENGE = hexToBytes('a0a1a2a3a4a5a6a7');
const VALIDATE = '00a30000207514341d95a46932afd634fb9a703b6c525f9c57ad937408a0a1a2a3a4a5a6a7';
const VALIDATE_OK = '75147a1fc804f8f9be19fbed865412a4e57db406d908 9000';

async function open(steps: ScriptStep[], selectReply = SELECT_OPEN, debug?: (l: string) => void) {
  const transport = new ScriptedTransport([{ expect: SELECT, reply: selectReply }, ...steps]);
  const session = await OathSession.open(transport, { randomChallenge: () => OUR_CHALLENGE, ...(debug ? { debug } : {}) });
  return { transport, session };
}

describe('OathSession', () => {
  it('reads version, device id and lock state from SELECT', async () => {
    const { session } = await open([]);
    expect(session.version).toEqual([5, 4, 3]);
    expect(session.deviceId).toBe('ZoQN2hVOihE8Md0K0y9/Og');
    expect(session.locked).toBe(false);
    expect(session.deriveKey('hunter2')).toEqual(KEY);
  });

  it('maps SELECT 6a82 to oath-applet-missing', async () => {
    expect(await codeOf(open([], '6a82'))).toBe('oath-applet-missing');
  });

  it('calculates all, recalculating the 60 s credential with its own period', async () => {
    const { session, transport } = await open([
      { expect: CALCULATE_ALL, reply: CALCULATE_ALL_REPLY },
      { expect: CALCULATE_CAROL_60S, reply: '7605087fffffff 9000' },
    ]);
    const all = await session.calculateAll(T);
    transport.assertDone();
    expect(all.map((e) => [e.credential.id, e.credential.touch, e.code?.value])).toEqual([
      ['AWS:arn:aws:iam::123456789012:mfa/alice', false, '441741'],
      ['Example:bob', false, undefined],
      ['touchy', true, undefined],
      ['60/GitHub:carol', false, '47483647'],
    ]);
    expect(all[0]?.code).toEqual({ value: '441741', validFromMs: 1111111110_000, validToMs: 1111111140_000 });
    expect(all[3]?.code).toEqual({ value: '47483647', validFromMs: 1111111080_000, validToMs: 1111111140_000 });
  });

  it('prompts for touch before CALCULATE of a touch credential and reports done', async () => {
    const { session, transport } = await open([
      { expect: CALCULATE_ALL, reply: CALCULATE_ALL_REPLY },
      { expect: CALCULATE_CAROL_60S, reply: '7605087fffffff 9000' },
      { expect: CALCULATE_TOUCHY, reply: '760508 00000001 9000' },
    ]);
    await session.calculateAll(T);
    const events: TouchEvent[] = [];
    const code = await session.calculate('touchy', T, { onTouch: (e) => events.push(e) });
    transport.assertDone();
    expect(code.value).toBe('00000001');
    expect(events).toEqual([
      { phase: 'waiting', credential: 'touchy' },
      { phase: 'done', credential: 'touchy' },
    ]);
  });

  it('turns 0x6982 after a touch wait into touch-timeout', async () => {
    const { session } = await open([{ expect: CALCULATE_TOUCHY, reply: '6982' }]);
    const events: string[] = [];
    expect(await codeOf(session.calculate('touchy', T, { touch: true, onTouch: (e) => events.push(e.phase) }))).toBe('touch-timeout');
    expect(events).toEqual(['waiting', 'timeout']);
  });

  it('without touch, 0x6982 means locked and 0x6984 no such credential', async () => {
    const { session } = await open([
      { expect: CALCULATE_TOUCHY, reply: '6982' },
      { expect: CALCULATE_TOUCHY, reply: '6984' },
    ]);
    expect(await codeOf(session.calculate('touchy', T))).toBe('oath-locked');
    expect(await codeOf(session.calculate('touchy', T))).toBe('oath-no-such-credential');
  });

  it('calculates HOTP with an empty challenge and no expiry', async () => {
    const { session } = await open([{ expect: '00a2000105 710168 7400', reply: '760506 0000002a 9000' }]);
    expect(await session.calculate('h', T, { type: 'hotp' })).toEqual({ value: '000042', validFromMs: T, validToMs: undefined });
  });

  it('follows 61xx chaining with SEND_REMAINING for a long LIST', async () => {
    const { session, transport } = await open([
      { expect: '00a1000000', reply: '7228214157533a61726e3a6177733a69616d3a3a3132333435363738393031323a6d66612f616c696365 6110' },
      { expect: '00a5000000', reply: '720c124578616d706c653a626f62 6100' },
      { expect: '00a5000000', reply: '72102336302f4769744875623a6361726f6c 9000' },
    ]);
    const list = await session.list();
    transport.assertDone();
    expect(list.map((c) => [c.id, c.algorithm, c.period])).toEqual([
      ['AWS:arn:aws:iam::123456789012:mfa/alice', 'SHA1', 30],
      ['Example:bob', 'SHA256', 0],
      ['60/GitHub:carol', 'SHA512', 60],
    ]);
  });

  it('maps LIST 0x6982 on a locked applet to oath-locked', async () => {
    const { session } = await open([{ expect: '00a1000000', reply: '6982' }], SELECT_LOCKED);
    expect(session.locked).toBe(true);
    expect(await codeOf(session.list())).toBe('oath-locked');
  });

  it('validates with mutual challenge-response', async () => {
    const { session, transport } = await open([{ expect: VALIDATE, reply: VALIDATE_OK }], SELECT_LOCKED);
    await session.validate(KEY);
    transport.assertDone();
    expect(session.locked).toBe(false);
  });

  it('reports a wrong password (VALIDATE 0x6984) and stays locked', async () => {
    const { session } = await open([{ expect: VALIDATE, reply: '6984' }], SELECT_LOCKED);
    expect(await codeOf(session.validate(KEY))).toBe('oath-wrong-password');
    expect(session.locked).toBe(true);
  });

  it('rejects a card whose VALIDATE answer does not prove the key', async () => {
    const { session } = await open([{ expect: VALIDATE, reply: `7514${'00'.repeat(20)}9000` }], SELECT_LOCKED);
    expect(await codeOf(session.validate(KEY))).toBe('oath-error');
    expect(session.locked).toBe(true);
  });

  it('sets and removes the password', async () => {
    const { session, transport } = await open([
      {
        expect: '0003000033731121d0c6df9806c2b3e3d1627596479f2f957408a0a1a2a3a4a5a6a775147a1fc804f8f9be19fbed865412a4e57db406d908',
        reply: '9000',
      },
      { expect: '00030000027300', reply: '9000' },
    ]);
    expect(await session.setPassword('hunter2')).toEqual(KEY);
    expect(await session.setPassword(undefined)).toBeUndefined();
    transport.assertDone();
  });

  it('puts a touch credential (id built from issuer, name, period) and maps NO_SPACE', async () => {
    const put =
      '0001000044711c36302f4578616d706c653a616c696365406578616d706c652e636f6d7322220831323334353637383930313233343536373839303132333435363738393031327802';
    const { session } = await open([
      { expect: put, reply: '9000' },
      { expect: put, reply: '6a84' },
    ]);
    const cred = {
      name: 'alice@example.com',
      issuer: 'Example',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      secret: utf8Encode('12345678901234567890123456789012'),
      touch: true,
    } as const;
    expect(await session.put(cred)).toBe('60/Example:alice@example.com');
    expect(await codeOf(session.put(cred))).toBe('oath-no-space');
  });

  it('deletes, mapping 0x6984 to no such credential', async () => {
    const del = '000200001e711c36302f4578616d706c653a616c696365406578616d706c652e636f6d';
    const { session } = await open([
      { expect: del, reply: '9000' },
      { expect: del, reply: '6984' },
    ]);
    await session.delete('60/Example:alice@example.com');
    expect(await codeOf(session.delete('60/Example:alice@example.com'))).toBe('oath-no-such-credential');
  });

  it('debug lines carry headers and SWs but never data', async () => {
    const lines: string[] = [];
    const { session } = await open([{ expect: VALIDATE, reply: VALIDATE_OK }], SELECT_LOCKED, (l) => lines.push(l));
    await session.validate(KEY);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('00 a3 00 00');
    expect(lines[1]).toContain('SW=0x9000');
    const all = lines.join('\n').replace(/\s/g, '');
    for (const secret of ['341d95a4', '7a1fc804', 'a0a1a2a3', '1122334455667788']) expect(all).not.toContain(secret);
  });
});
