// SPDX-License-Identifier: MIT
/** ISO 7816-4 short command APDUs and status words, as bytes. */

export interface CommandApdu {
  cla?: number;
  ins: number;
  p1?: number;
  p2?: number;
  data?: Uint8Array;
}

/** Status words the YKOATH and management applets answer with (ISO 7816-4 names). */
export const SW_OK = 0x9000;
export const SW_NO_SPACE = 0x6a84;
export const SW_NO_SUCH_OBJECT = 0x6984; // YKOATH: no such credential / wrong VALIDATE response
export const SW_AUTH_REQUIRED = 0x6982; // security status not satisfied
export const SW_WRONG_DATA = 0x6a80;
export const SW_FILE_NOT_FOUND = 0x6a82; // SELECT of an AID the card does not have
export const SW_INS_NOT_SUPPORTED = 0x6d00;
export const SW_CLA_NOT_SUPPORTED = 0x6e00;
export const SW_WRONG_LENGTH = 0x6700;
export const SW_INCORRECT_PARAMETERS = 0x6a86;
export const SW_CONDITIONS_NOT_SATISFIED = 0x6985;
/** SW1 0x61: more data waits; SW2 is the count (0 = 256 or more). */
export const SW1_MORE_DATA = 0x61;

/**
 * Encode a short APDU: CLA INS P1 P2 Lc data, or CLA INS P1 P2 00 (Le = 256) without data,
 * byte for byte as yubikit sends them. Longer answers come back chained with 61xx.
 */
export function encodeApdu(cmd: CommandApdu): Uint8Array {
  const data = cmd.data ?? new Uint8Array(0);
  if (data.length > 255) throw new RangeError(`APDU data too long for a short APDU (${data.length} bytes)`);
  const head = [cmd.cla ?? 0, cmd.ins, cmd.p1 ?? 0, cmd.p2 ?? 0];
  if (data.length === 0) return Uint8Array.from([...head, 0x00]);
  const out = new Uint8Array(5 + data.length);
  out.set(head, 0);
  out[4] = data.length;
  out.set(data, 5);
  return out;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

/** Split a response into data and the trailing 2-byte status word. */
export function splitResponse(response: Uint8Array): ResponseApdu {
  if (response.length < 2) throw new RangeError('response APDU shorter than its status word');
  const n = response.length;
  return { data: response.slice(0, n - 2), sw: ((response[n - 2] ?? 0) << 8) | (response[n - 1] ?? 0) };
}

export type StatusKind = 'ok' | 'more-data' | 'auth-required' | 'no-such-object' | 'no-space' | 'not-found' | 'wrong-data' | 'unsupported' | 'other';

/** Classify a status word so callers branch on meaning, not numbers. */
export function statusKind(sw: number): StatusKind {
  if (sw === SW_OK) return 'ok';
  if (sw >> 8 === SW1_MORE_DATA) return 'more-data';
  switch (sw) {
    case SW_AUTH_REQUIRED:
      return 'auth-required';
    case SW_NO_SUCH_OBJECT:
      return 'no-such-object';
    case SW_NO_SPACE:
      return 'no-space';
    case SW_FILE_NOT_FOUND:
      return 'not-found';
    case SW_WRONG_DATA:
      return 'wrong-data';
    case SW_INS_NOT_SUPPORTED:
    case SW_CLA_NOT_SUPPORTED:
      return 'unsupported';
    default:
      return 'other';
  }
}

const SW_NAMES: ReadonlyMap<number, string> = new Map([
  [SW_OK, 'OK'],
  [SW_NO_SPACE, 'NO_SPACE'],
  [SW_NO_SUCH_OBJECT, 'NO_SUCH_OBJECT'],
  [SW_AUTH_REQUIRED, 'SECURITY_CONDITION_NOT_SATISFIED'],
  [SW_WRONG_DATA, 'WRONG_DATA'],
  [SW_FILE_NOT_FOUND, 'FILE_NOT_FOUND'],
  [SW_INS_NOT_SUPPORTED, 'INS_NOT_SUPPORTED'],
  [SW_CLA_NOT_SUPPORTED, 'CLA_NOT_SUPPORTED'],
  [SW_WRONG_LENGTH, 'WRONG_LENGTH'],
  [SW_INCORRECT_PARAMETERS, 'INCORRECT_PARAMETERS'],
  [SW_CONDITIONS_NOT_SATISFIED, 'CONDITIONS_NOT_SATISFIED'],
]);

/** "SW=0x6a84 (NO_SPACE)", as yubikit prints it. */
export function formatStatus(sw: number): string {
  const name = SW_NAMES.get(sw) ?? (sw >> 8 === SW1_MORE_DATA ? 'MORE_DATA' : 'UNKNOWN');
  return `SW=0x${sw.toString(16).padStart(4, '0')} (${name})`;
}
