// SPDX-License-Identifier: MIT
/**
 * The agent's connection handshake: mutual proof of a key only the user can read (the agent
 * writes it, 0600, next to its socket), before any request is sent or any answer trusted.
 *
 *   agent -> client   { v: 1, hello: "touchrole-agent", nonce: <server nonce> }
 *   client -> agent   { v: 1, auth: "client", nonce: <client nonce>, mac: HMAC(key, "touchrole-client" 0 sn cn) }
 *   agent -> client   { v: 1, auth: "server", mac: HMAC(key, "touchrole-server" 0 sn cn) }
 *
 * Nonces are 32 random bytes, MACs HMAC-SHA256, both in lowercase hex. Both MACs cover both
 * nonces, so neither side's answer can be replayed on another connection, and the two labels
 * keep one side's answer from serving as the other's. This file is the message format only;
 * the key, randomness and HMAC are in src-main/core/agent/handshake.ts.
 */
import { concatBytes, hexToBytes, utf8Encode } from './bytes';

export const HANDSHAKE_NONCE_BYTES = 32;
export const HANDSHAKE_MAC_BYTES = 32;
export const HANDSHAKE_HELLO = 'touchrole-agent';

export type HandshakeRole = 'client' | 'server';

/** The bytes each side MACs: its label, a zero byte, the server's nonce, then the client's. */
export function handshakeMacInput(role: HandshakeRole, serverNonce: Uint8Array, clientNonce: Uint8Array): Uint8Array {
  return concatBytes(utf8Encode(`touchrole-${role}`), new Uint8Array([0]), serverNonce, clientNonce);
}

export function encodeServerHello(nonce: string): string {
  return JSON.stringify({ v: 1, hello: HANDSHAKE_HELLO, nonce });
}

export function encodeClientAuth(nonce: string, mac: string): string {
  return JSON.stringify({ v: 1, auth: 'client', nonce, mac });
}

export function encodeServerProof(mac: string): string {
  return JSON.stringify({ v: 1, auth: 'server', mac });
}

/** The server's nonce, or undefined if `line` is not a hello. */
export function parseServerHello(line: string): Uint8Array | undefined {
  const msg = parseObject(line, ['v', 'hello', 'nonce']);
  if (msg === undefined || msg['hello'] !== HANDSHAKE_HELLO) return undefined;
  return hexField(msg['nonce'], HANDSHAKE_NONCE_BYTES);
}

/** The client's nonce and MAC, or undefined if `line` is not a client answer. */
export function parseClientAuth(line: string): { nonce: Uint8Array; mac: Uint8Array } | undefined {
  const msg = parseObject(line, ['v', 'auth', 'nonce', 'mac']);
  if (msg === undefined || msg['auth'] !== 'client') return undefined;
  const nonce = hexField(msg['nonce'], HANDSHAKE_NONCE_BYTES);
  const mac = hexField(msg['mac'], HANDSHAKE_MAC_BYTES);
  return nonce === undefined || mac === undefined ? undefined : { nonce, mac };
}

/** The server's MAC, or undefined if `line` is not a server proof. */
export function parseServerProof(line: string): Uint8Array | undefined {
  const msg = parseObject(line, ['v', 'auth', 'mac']);
  if (msg === undefined || msg['auth'] !== 'server') return undefined;
  return hexField(msg['mac'], HANDSHAKE_MAC_BYTES);
}

/** A JSON object of protocol version 1 with exactly `keys`. */
function parseObject(line: string, keys: readonly string[]): Record<string, unknown> | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return undefined;
  const record = msg as Record<string, unknown>;
  const present = Object.keys(record);
  if (record['v'] !== 1 || present.length !== keys.length || !present.every((k) => keys.includes(k))) return undefined;
  return record;
}

function hexField(v: unknown, bytes: number): Uint8Array | undefined {
  return typeof v === 'string' && v.length === bytes * 2 && /^[0-9a-f]+$/.test(v) ? hexToBytes(v) : undefined;
}
