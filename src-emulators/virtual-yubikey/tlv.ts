// SPDX-License-Identifier: MIT
/**
 * BER-TLV as the YubiKey applets use it: one-byte tags, lengths in short form or 0x81/0x82.
 * Written independently of src-shared/oath-codec on purpose: the virtual key is the
 * reference the project's codec is tested against, so it must not share its bugs.
 */

export interface Tlv {
  tag: number;
  value: Buffer;
}

export function encodeTlv(tag: number, value: Uint8Array = new Uint8Array(0)): Buffer {
  const n = value.length;
  let header: number[];
  if (n < 0x80) header = [tag, n];
  else if (n <= 0xff) header = [tag, 0x81, n];
  else header = [tag, 0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from(header), value]);
}

/** Reads one TLV at `offset`; undefined when the bytes there are not a complete TLV. */
export function readTlv(bytes: Uint8Array, offset: number): { tlv: Tlv; next: number } | undefined {
  const tag = bytes[offset];
  let lengthByte = bytes[offset + 1];
  if (tag === undefined || lengthByte === undefined) return undefined;
  let pos = offset + 2;
  let length = lengthByte;
  if (lengthByte === 0x81 || lengthByte === 0x82) {
    const width = lengthByte - 0x80;
    length = 0;
    for (let i = 0; i < width; i++) {
      lengthByte = bytes[pos++];
      if (lengthByte === undefined) return undefined;
      length = (length << 8) | lengthByte;
    }
  } else if (lengthByte > 0x80) {
    return undefined;
  }
  if (pos + length > bytes.length) return undefined;
  return { tlv: { tag, value: Buffer.from(bytes.subarray(pos, pos + length)) }, next: pos + length };
}

/** Parses a whole buffer of consecutive TLVs; undefined when any part is malformed. */
export function parseTlvs(bytes: Uint8Array): Tlv[] | undefined {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const read = readTlv(bytes, offset);
    if (read === undefined) return undefined;
    out.push(read.tlv);
    offset = read.next;
  }
  return out;
}
