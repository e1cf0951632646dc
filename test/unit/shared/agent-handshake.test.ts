// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../../src-shared/bytes';
import * as handshake from '../../../src-shared/agent-handshake';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('agent handshake messages', () => {
  it('round-trip', () => {
    expect(bytesToHex(handshake.parseServerHello(handshake.encodeServerHello(A)) ?? new Uint8Array())).toBe(A);
    const auth = handshake.parseClientAuth(handshake.encodeClientAuth(A, B));
    expect(auth && [bytesToHex(auth.nonce), bytesToHex(auth.mac)]).toEqual([A, B]);
    expect(bytesToHex(handshake.parseServerProof(handshake.encodeServerProof(B)) ?? new Uint8Array())).toBe(B);
  });

  it('MAC input: the role label, a zero byte, the server nonce, then the client nonce', () => {
    const input = handshake.handshakeMacInput('client', new Uint8Array([1, 2]), new Uint8Array([3]));
    expect(bytesToHex(input)).toBe(`${bytesToHex(new Uint8Array(Buffer.from('touchrole-client')))}00010203`);
    expect(bytesToHex(handshake.handshakeMacInput('server', new Uint8Array([1]), new Uint8Array([2])))).toMatch(/^746f756368726f6c652d736572766572000102$/);
  });

  it.each([
    ['not JSON', 'nope'],
    ['another version', JSON.stringify({ v: 2, auth: 'client', nonce: A, mac: B })],
    ['upper-case hex', JSON.stringify({ v: 1, auth: 'client', nonce: A.toUpperCase(), mac: B })],
    ['a short nonce', JSON.stringify({ v: 1, auth: 'client', nonce: A.slice(2), mac: B })],
    ['an extra field', JSON.stringify({ v: 1, auth: 'client', nonce: A, mac: B, method: 'ping' })],
    ['the server proof', handshake.encodeServerProof(B)],
    ['a request', JSON.stringify({ v: 1, id: 1, method: 'ping' })],
  ])('a client answer that is %s is not one', (_, line) => {
    expect(handshake.parseClientAuth(line)).toBeUndefined();
  });

  it('the client does not take a client answer or an error as a hello or a proof', () => {
    expect(handshake.parseServerHello(handshake.encodeClientAuth(A, B))).toBeUndefined();
    expect(handshake.parseServerProof(handshake.encodeClientAuth(A, B))).toBeUndefined();
    expect(handshake.parseServerProof(JSON.stringify({ v: 1, id: null, ok: false, error: { code: 'x', message: 'y' } }))).toBeUndefined();
  });
});
