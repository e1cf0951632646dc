// SPDX-License-Identifier: MIT
/** Command APDU parsing (ISO 7816-4 cases 1-4, short and extended) and status words. */

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Buffer;
}

/** A response before it is framed: data plus the status word. */
export interface CardResponse {
  data: Uint8Array;
  sw: number;
}

export const SW = {
  OK: 0x9000,
  MORE_DATA: 0x6100,
  WRONG_LENGTH: 0x6700,
  SECURITY_CONDITION_NOT_SATISFIED: 0x6982,
  DATA_INVALID: 0x6984,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  NO_SPACE: 0x6a84,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

export function status(sw: number, data: Uint8Array = new Uint8Array(0)): CardResponse {
  return { data, sw };
}

export function ok(data: Uint8Array = new Uint8Array(0)): CardResponse {
  return { data, sw: SW.OK };
}

/** Undefined when the bytes are not a well-formed command APDU (answered with 0x6700). */
export function parseCommandApdu(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const b = Buffer.from(bytes);
  const header = { cla: b[0] ?? 0, ins: b[1] ?? 0, p1: b[2] ?? 0, p2: b[3] ?? 0 };
  const empty = Buffer.alloc(0);
  if (b.length <= 5) return { ...header, data: empty }; // case 1, or case 2 short (Le only)
  const lc = b[4] ?? 0;
  if (lc !== 0) {
    // Case 3/4 short: Lc, data, optional one-byte Le.
    const rest = b.length - 5 - lc;
    if (rest !== 0 && rest !== 1) return undefined;
    return { ...header, data: b.subarray(5, 5 + lc) };
  }
  if (b.length === 7) return { ...header, data: empty }; // case 2 extended (Le only)
  const elc = b.readUInt16BE(5);
  const rest = b.length - 7 - elc;
  if (elc === 0 || (rest !== 0 && rest !== 2)) return undefined;
  return { ...header, data: b.subarray(7, 7 + elc) };
}

export function encodeResponse(response: CardResponse): Buffer {
  return Buffer.concat([Buffer.from(response.data), Buffer.from([response.sw >> 8, response.sw & 0xff])]);
}
