// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (padding and case ignored) into a fresh buffer the caller zeroes after use. */
export function decodeBase32Seed(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    // Never echo the seed text: name the problem only.
    if (v < 0) throw new TouchroleError('iam-error', 'IAM returned an MFA seed that is not base32');
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  value = 0;
  return out;
}
