// SPDX-License-Identifier: MIT
/** YKOATH response parsers: take the response data (status word already stripped). */
import { base64NoPad, utf8Decode } from '../bytes';
import { parseCredentialId } from './credential-id';
import { findTlv, parseTlvs, requireTlv, TlvError } from './tlv';
import { formatCode } from './totp';
import {
  hashAlgorithmOf,
  type HashAlgorithm,
  oathTypeOf,
  type OathType,
  TAG_ALGORITHM,
  TAG_CHALLENGE,
  TAG_HOTP,
  TAG_MGMT_SERIAL,
  TAG_NAME,
  TAG_NAME_LIST,
  TAG_RESPONSE,
  TAG_TOUCH,
  TAG_TRUNCATED,
  TAG_VERSION,
} from './ykoath';

export type Version = readonly [number, number, number];

export interface SelectResponse {
  version: Version;
  /** The applet salt (device id source and PBKDF2 salt). */
  salt: Uint8Array;
  /** Present when a password is set: VALIDATE must answer it before other commands. */
  challenge: Uint8Array | undefined;
  /** The password HMAC algorithm (always SHA1 in practice). */
  algorithm: HashAlgorithm | undefined;
}

export function parseSelectResponse(data: Uint8Array): SelectResponse {
  const tlvs = parseTlvs(data);
  const v = requireTlv(tlvs, TAG_VERSION);
  if (v.length !== 3) throw new TlvError('OATH version must be 3 bytes');
  const algo = findTlv(tlvs, TAG_ALGORITHM);
  return {
    version: [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0],
    salt: requireTlv(tlvs, TAG_NAME),
    challenge: findTlv(tlvs, TAG_CHALLENGE),
    algorithm: algo?.[0] === undefined ? undefined : hashAlgorithmOf(algo[0]),
  };
}

/** ykman's device id: base64(sha256(salt)[:16]) without padding; pass the SHA-256 of the salt. */
export function deviceIdFromSaltDigest(sha256OfSalt: Uint8Array): string {
  if (sha256OfSalt.length !== 32) throw new RangeError('expected a SHA-256 digest');
  return base64NoPad(sha256OfSalt.slice(0, 16));
}

export interface ListedCredential {
  id: string;
  type: OathType;
  algorithm: HashAlgorithm;
  issuer: string | undefined;
  name: string;
  period: number;
}

function describe(id: string, type: OathType): Omit<ListedCredential, 'algorithm'> {
  return { id, type, ...parseCredentialId(id, type) };
}

export function parseListResponse(data: Uint8Array): ListedCredential[] {
  return parseTlvs(data).map((tlv) => {
    if (tlv.tag !== TAG_NAME_LIST) throw new TlvError(`unexpected tag 0x${tlv.tag.toString(16)} in LIST`);
    const head = tlv.value[0];
    const type = head === undefined ? undefined : oathTypeOf(head);
    const algorithm = head === undefined ? undefined : hashAlgorithmOf(head);
    if (!type || !algorithm) throw new TlvError('unknown credential type in LIST');
    return { ...describe(utf8Decode(tlv.value.slice(1)), type), algorithm };
  });
}

export interface TruncatedResponse {
  digits: number;
  /** The 31-bit dynamic-truncation value. */
  value: number;
}

function parseTruncated(value: Uint8Array): TruncatedResponse {
  if (value.length !== 5) throw new TlvError('truncated response must be 5 bytes');
  const [d = 0, a = 0, b = 0, c = 0, e = 0] = value;
  return { digits: d, value: ((a & 0x7f) << 24) | (b << 16) | (c << 8) | e };
}

export function truncatedToCode(t: TruncatedResponse): string {
  return formatCode(t.value, t.digits);
}

/** CALCULATE with P2=01: TAG_TRUNCATED [digits, 4 bytes]. */
export function parseCalculateResponse(data: Uint8Array): TruncatedResponse {
  return parseTruncated(requireTlv(parseTlvs(data), TAG_TRUNCATED));
}

/** CALCULATE with P2=00: TAG_RESPONSE [digits, full HMAC]. */
export function parseFullCalculateResponse(data: Uint8Array): { digits: number; hmac: Uint8Array } {
  const v = requireTlv(parseTlvs(data), TAG_RESPONSE);
  return { digits: v[0] ?? 0, hmac: v.slice(1) };
}

export type CalculateAllResult =
  | { kind: 'truncated'; code: TruncatedResponse }
  | { kind: 'full'; digits: number; hmac: Uint8Array }
  | { kind: 'hotp'; digits: number }
  | { kind: 'touch'; digits: number };

export interface CalculateAllEntry extends Omit<ListedCredential, 'algorithm'> {
  result: CalculateAllResult;
}

/** CALCULATE_ALL: pairs of TAG_NAME then one of 0x76 / 0x75 / 0x77 (HOTP) / 0x7c (touch). */
export function parseCalculateAllResponse(data: Uint8Array): CalculateAllEntry[] {
  const tlvs = parseTlvs(data);
  const out: CalculateAllEntry[] = [];
  for (let i = 0; i < tlvs.length; i += 2) {
    const nameTlv = tlvs[i];
    const resp = tlvs[i + 1];
    if (nameTlv?.tag !== TAG_NAME || resp === undefined) throw new TlvError('malformed CALCULATE_ALL response');
    const id = utf8Decode(nameTlv.value);
    const digits = resp.value[0] ?? 0;
    let result: CalculateAllResult;
    switch (resp.tag) {
      case TAG_TRUNCATED:
        result = { kind: 'truncated', code: parseTruncated(resp.value) };
        break;
      case TAG_RESPONSE:
        result = { kind: 'full', digits, hmac: resp.value.slice(1) };
        break;
      case TAG_HOTP:
        result = { kind: 'hotp', digits };
        break;
      case TAG_TOUCH:
        result = { kind: 'touch', digits };
        break;
      default:
        throw new TlvError(`unexpected tag 0x${resp.tag.toString(16)} in CALCULATE_ALL`);
    }
    out.push({ ...describe(id, resp.tag === TAG_HOTP ? 'hotp' : 'totp'), result });
  }
  return out;
}

/** VALIDATE answers with the card's HMAC of our challenge, for mutual authentication. */
export function parseValidateResponse(data: Uint8Array): Uint8Array {
  return requireTlv(parseTlvs(data), TAG_RESPONSE);
}

/** Management GET DEVICE INFO: [length][TLVs]; the serial is undefined when absent or 0. */
export function parseDeviceInfoSerial(data: Uint8Array): number | undefined {
  if (data.length === 0 || data[0] !== data.length - 1) throw new TlvError('device info length mismatch');
  const serial = findTlv(parseTlvs(data.slice(1)), TAG_MGMT_SERIAL);
  if (serial === undefined) return undefined;
  let n = 0;
  for (const b of serial) n = n * 256 + b;
  return n === 0 ? undefined : n;
}
