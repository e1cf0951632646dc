// SPDX-License-Identifier: MIT
/**
 * YKOATH command encoders: each returns the full command APDU bytes. Pure: anything needing
 * HMAC or PBKDF2 takes its result as an argument (core computes it with node:crypto).
 */
import { concatBytes, utf8Encode } from '../bytes';
import { encodeApdu } from './apdu';
import { encodeTlv } from './tlv';
import {
  HASH_BLOCK_SIZE,
  type HashAlgorithm,
  HMAC_MINIMUM_KEY_SIZE,
  INS_CALCULATE,
  INS_CALCULATE_ALL,
  INS_DELETE,
  INS_LIST,
  INS_PUT,
  INS_READ_CONFIG,
  INS_RESET,
  INS_SELECT,
  INS_SEND_REMAINING,
  INS_SET_CODE,
  INS_VALIDATE,
  type OathType,
  PROP_REQUIRE_TOUCH,
  TAG_CHALLENGE,
  TAG_IMF,
  TAG_KEY,
  TAG_NAME,
  TAG_PROPERTY,
  TAG_RESPONSE,
  typeAlgorithmByte,
} from './ykoath';

/** SELECT by AID (P1=04: select by DF name). */
export function encodeSelect(aid: Uint8Array): Uint8Array {
  return encodeApdu({ ins: INS_SELECT, p1: 0x04, p2: 0x00, data: aid });
}

export function encodeSendRemaining(): Uint8Array {
  return encodeApdu({ ins: INS_SEND_REMAINING });
}

export function encodeList(): Uint8Array {
  return encodeApdu({ ins: INS_LIST });
}

/** CALCULATE one credential; P2=01 asks for the truncated (4-byte) response. */
export function encodeCalculate(credentialId: string, challenge: Uint8Array, truncate = true): Uint8Array {
  const data = concatBytes(encodeTlv(TAG_NAME, utf8Encode(credentialId)), encodeTlv(TAG_CHALLENGE, challenge));
  return encodeApdu({ ins: INS_CALCULATE, p2: truncate ? 0x01 : 0x00, data });
}

/** CALCULATE_ALL with truncated responses for the given 8-byte (30 s) challenge. */
export function encodeCalculateAll(challenge: Uint8Array): Uint8Array {
  return encodeApdu({ ins: INS_CALCULATE_ALL, p2: 0x01, data: encodeTlv(TAG_CHALLENGE, challenge) });
}

export function encodeDelete(credentialId: string): Uint8Array {
  return encodeApdu({ ins: INS_DELETE, data: encodeTlv(TAG_NAME, utf8Encode(credentialId)) });
}

/** RESET wipes the applet; P1/P2 = DE AD guard against accidents. */
export function encodeReset(): Uint8Array {
  return encodeApdu({ ins: INS_RESET, p1: 0xde, p2: 0xad });
}

export interface PutCredential {
  /** The full credential id, see formatCredentialId. */
  id: string;
  type: OathType;
  algorithm: HashAlgorithm;
  digits: number;
  /** Raw secret; at most the hash block size (longer keys must be hashed first, see HASH_BLOCK_SIZE). */
  secret: Uint8Array;
  touch?: boolean;
  /** Initial moving factor for HOTP; sent only when > 0. */
  counter?: number;
}

export function encodePut(cred: PutCredential): Uint8Array {
  if (cred.secret.length > HASH_BLOCK_SIZE[cred.algorithm]) {
    throw new RangeError('secret longer than the hash block size: hash it first');
  }
  if (!Number.isInteger(cred.digits) || cred.digits < 6 || cred.digits > 8) throw new RangeError('digits must be 6, 7 or 8');
  const secret = new Uint8Array(Math.max(cred.secret.length, HMAC_MINIMUM_KEY_SIZE));
  secret.set(cred.secret);
  const parts = [
    encodeTlv(TAG_NAME, utf8Encode(cred.id)),
    encodeTlv(TAG_KEY, concatBytes(Uint8Array.of(typeAlgorithmByte(cred.type, cred.algorithm), cred.digits), secret)),
  ];
  // The touch property is a bare tag/value pair, not a TLV (as the device and yubikit expect).
  if (cred.touch) parts.push(Uint8Array.of(TAG_PROPERTY, PROP_REQUIRE_TOUCH));
  const counter = cred.counter ?? 0;
  if (counter > 0) {
    parts.push(encodeTlv(TAG_IMF, Uint8Array.of((counter >>> 24) & 0xff, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff)));
  }
  return encodeApdu({ ins: INS_PUT, data: concatBytes(...parts) });
}

/** VALIDATE: our HMAC of the card's challenge, plus our own challenge for the card to answer. */
export function encodeValidate(responseToCard: Uint8Array, hostChallenge: Uint8Array): Uint8Array {
  return encodeApdu({
    ins: INS_VALIDATE,
    data: concatBytes(encodeTlv(TAG_RESPONSE, responseToCard), encodeTlv(TAG_CHALLENGE, hostChallenge)),
  });
}

/** SET_CODE with a 16-byte PBKDF2 key; the card checks `response` = HMAC-SHA1(key, challenge). */
export function encodeSetCode(key: Uint8Array, challenge: Uint8Array, response: Uint8Array): Uint8Array {
  const data = concatBytes(
    encodeTlv(TAG_KEY, concatBytes(Uint8Array.of(typeAlgorithmByte('totp', 'SHA1')), key)),
    encodeTlv(TAG_CHALLENGE, challenge),
    encodeTlv(TAG_RESPONSE, response),
  );
  return encodeApdu({ ins: INS_SET_CODE, data });
}

/** SET_CODE with an empty key removes the password. */
export function encodeUnsetCode(): Uint8Array {
  return encodeApdu({ ins: INS_SET_CODE, data: encodeTlv(TAG_KEY) });
}

/** Management applet GET DEVICE INFO (for the serial). */
export function encodeReadDeviceInfo(): Uint8Array {
  return encodeApdu({ ins: INS_READ_CONFIG });
}
