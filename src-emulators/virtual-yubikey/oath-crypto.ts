// SPDX-License-Identifier: MIT
/** The HMAC arithmetic a YubiKey does on its side of YKOATH (RFC 4226 / 6238, PBKDF2). */
import { createHmac, pbkdf2Sync } from 'node:crypto';
import type { OathAlgorithm } from './credential';

export function hmac(algorithm: OathAlgorithm, key: Uint8Array, message: Uint8Array): Buffer {
  return createHmac(algorithm.toLowerCase(), key).update(message).digest();
}

/** RFC 4226 dynamic truncation: the 31-bit value the key returns in a truncated response. */
export function dynamicTruncate(digest: Buffer): number {
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  return digest.readUInt32BE(offset) & 0x7fffffff;
}

export function formatCode(truncated: number, digits: number): string {
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

/** The 8-byte big-endian moving factor: a TOTP time step or an HOTP counter. */
export function movingFactor(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}

/** The OATH access key ykman and Yubico Authenticator derive from a password. */
export function deriveAccessKey(password: string, salt: Uint8Array): Buffer {
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 16, 'sha1');
}
