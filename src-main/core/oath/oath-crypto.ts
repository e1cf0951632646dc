// SPDX-License-Identifier: MIT
/** The crypto YKOATH clients need, on node:crypto; the byte codecs stay pure in src-shared. */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { deviceIdFromSaltDigest, HASH_BLOCK_SIZE, type HashAlgorithm } from '../../../src-shared/oath-codec';

/** PBKDF2-HMAC-SHA1(password, salt, 1000, 16): the access key, as ykman derives it. */
export function deriveOathKey(password: string, salt: Uint8Array): Uint8Array {
  return new Uint8Array(pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 16, 'sha1'));
}

export function hmacSha1(key: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha1', key).update(message).digest());
}

export function deviceIdFromSalt(salt: Uint8Array): string {
  return deviceIdFromSaltDigest(new Uint8Array(createHash('sha256').update(salt).digest()));
}

export function randomChallenge(): Uint8Array {
  return new Uint8Array(randomBytes(8));
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 2104: an HMAC key longer than the block size is replaced by its hash (yubikit does this before PUT). */
export function shortenSecret(secret: Uint8Array, algorithm: HashAlgorithm): Uint8Array {
  if (secret.length <= HASH_BLOCK_SIZE[algorithm]) return secret;
  return new Uint8Array(createHash(algorithm.toLowerCase()).update(secret).digest());
}
