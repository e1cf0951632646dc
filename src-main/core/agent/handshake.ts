// SPDX-License-Identifier: MIT
// On the credential_process hot path (the client side): node:crypto and the pure format only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  HANDSHAKE_NONCE_BYTES,
  encodeClientAuth,
  encodeServerHello,
  encodeServerProof,
  handshakeMacInput,
  parseClientAuth,
  parseServerHello,
  parseServerProof,
  type HandshakeRole,
} from '../../../src-shared/agent-handshake';

/**
 * The agent's side of the handshake (src-shared/agent-handshake.ts): `hello` opens every
 * connection; `answer` checks the client's MAC and returns the proof to send, or undefined to
 * refuse the connection. One use per connection: its nonce is fresh, so an answer recorded on
 * another connection does not verify here.
 */
export class ServerHandshake {
  private readonly nonce = randomBytes(HANDSHAKE_NONCE_BYTES);

  constructor(private readonly key: Uint8Array) {}

  hello(): string {
    return encodeServerHello(this.nonce.toString('hex'));
  }

  answer(line: string): string | undefined {
    const auth = parseClientAuth(line);
    if (auth === undefined || !macMatches(this.key, 'client', this.nonce, auth.nonce, auth.mac)) return undefined;
    return encodeServerProof(hex(mac(this.key, 'server', this.nonce, auth.nonce)));
  }
}

/**
 * The client's side: `answer` replies to the agent's hello (undefined: not a hello), then
 * `verify` checks the agent's proof, which only a holder of the key can make for this client's
 * fresh nonce.
 */
export class ClientHandshake {
  private readonly nonce = randomBytes(HANDSHAKE_NONCE_BYTES);
  private serverNonce: Uint8Array | undefined;

  constructor(private readonly key: Uint8Array) {}

  answer(helloLine: string): string | undefined {
    this.serverNonce = parseServerHello(helloLine);
    if (this.serverNonce === undefined) return undefined;
    return encodeClientAuth(this.nonce.toString('hex'), hex(mac(this.key, 'client', this.serverNonce, this.nonce)));
  }

  verify(proofLine: string): boolean {
    const proof = parseServerProof(proofLine);
    return proof !== undefined && this.serverNonce !== undefined && macMatches(this.key, 'server', this.serverNonce, this.nonce, proof);
  }
}

function mac(key: Uint8Array, role: HandshakeRole, serverNonce: Uint8Array, clientNonce: Uint8Array): Buffer {
  return createHmac('sha256', key)
    .update(handshakeMacInput(role, serverNonce, clientNonce))
    .digest();
}

function macMatches(key: Uint8Array, role: HandshakeRole, serverNonce: Uint8Array, clientNonce: Uint8Array, got: Uint8Array): boolean {
  const want = mac(key, role, serverNonce, clientNonce);
  return got.length === want.length && timingSafeEqual(want, got);
}

function hex(bytes: Buffer): string {
  return bytes.toString('hex');
}
