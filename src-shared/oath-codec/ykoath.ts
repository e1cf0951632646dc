// SPDX-License-Identifier: MIT
/** YKOATH protocol constants, named as in Yubico's spec and yubikit/oath.py. */

export const OATH_AID = Uint8Array.from([0xa0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01]);
/** The management applet, which answers GET DEVICE INFO (READ_CONFIG) with the serial. */
export const MANAGEMENT_AID = Uint8Array.from([0xa0, 0x00, 0x00, 0x05, 0x27, 0x47, 0x11, 0x17]);

export const TAG_NAME = 0x71;
export const TAG_NAME_LIST = 0x72;
export const TAG_KEY = 0x73;
export const TAG_CHALLENGE = 0x74;
export const TAG_RESPONSE = 0x75;
export const TAG_TRUNCATED = 0x76;
export const TAG_HOTP = 0x77;
export const TAG_PROPERTY = 0x78;
export const TAG_VERSION = 0x79;
export const TAG_IMF = 0x7a;
export const TAG_ALGORITHM = 0x7b;
export const TAG_TOUCH = 0x7c;

export const INS_SELECT = 0xa4;
export const INS_PUT = 0x01;
export const INS_DELETE = 0x02;
export const INS_SET_CODE = 0x03;
export const INS_RESET = 0x04;
export const INS_LIST = 0xa1;
export const INS_CALCULATE = 0xa2;
export const INS_VALIDATE = 0xa3;
export const INS_CALCULATE_ALL = 0xa4;
export const INS_SEND_REMAINING = 0xa5;
/** Management applet: GET DEVICE INFO. */
export const INS_READ_CONFIG = 0x1d;
/** Management device-info TLV carrying the serial (big-endian). */
export const TAG_MGMT_SERIAL = 0x02;

export const MASK_ALGO = 0x0f;
export const MASK_TYPE = 0xf0;
export const PROP_REQUIRE_TOUCH = 0x02;
export const DEFAULT_PERIOD = 30;
export const DEFAULT_DIGITS = 6;
export const CHALLENGE_LEN = 8;
/** Keys shorter than this are zero-padded by clients (some firmware rejects shorter keys). */
export const HMAC_MINIMUM_KEY_SIZE = 14;

export type OathType = 'totp' | 'hotp';
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

const TYPE_CODES: Record<OathType, number> = { hotp: 0x10, totp: 0x20 };
const ALGO_CODES: Record<HashAlgorithm, number> = { SHA1: 0x01, SHA256: 0x02, SHA512: 0x03 };
/** HMAC block sizes: longer keys are hashed first (RFC 2104), as yubikit does before PUT. */
export const HASH_BLOCK_SIZE: Record<HashAlgorithm, number> = { SHA1: 64, SHA256: 64, SHA512: 128 };

export function typeAlgorithmByte(type: OathType, algorithm: HashAlgorithm): number {
  return TYPE_CODES[type] | ALGO_CODES[algorithm];
}

export function oathTypeOf(byte: number): OathType | undefined {
  const t = byte & MASK_TYPE;
  return t === 0x10 ? 'hotp' : t === 0x20 ? 'totp' : undefined;
}

export function hashAlgorithmOf(byte: number): HashAlgorithm | undefined {
  const a = byte & MASK_ALGO;
  return a === 0x01 ? 'SHA1' : a === 0x02 ? 'SHA256' : a === 0x03 ? 'SHA512' : undefined;
}
