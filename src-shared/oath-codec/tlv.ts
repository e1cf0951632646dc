// SPDX-License-Identifier: MIT
/**
 * The BER-TLV subset YKOATH uses: one-byte tags, lengths in short form (< 0x80) or long
 * form 0x81 xx / 0x82 xx xx (yubikit's Tlv). Parsing is strict: a truncated TLV throws.
 */

export interface Tlv {
  tag: number;
  value: Uint8Array;
}

export class TlvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlvError';
  }
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= 0xffff) return [0x82, length >> 8, length & 0xff];
  throw new TlvError(`TLV value too long (${length} bytes)`);
}

export function encodeTlv(tag: number, value: Uint8Array = new Uint8Array(0)): Uint8Array {
  const head = [tag, ...encodeLength(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head, 0);
  out.set(value, head.length);
  return out;
}

/** Parse a run of TLVs that must exactly fill `bytes`. */
export function parseTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  const byte = (i: number): number => {
    const b = bytes[i];
    if (b === undefined) throw new TlvError('truncated TLV');
    return b;
  };
  while (at < bytes.length) {
    const tag = byte(at++);
    let length = byte(at++);
    if (length === 0x81) length = byte(at++);
    else if (length === 0x82) {
      length = (byte(at) << 8) | byte(at + 1);
      at += 2;
    } else if (length >= 0x80) throw new TlvError(`unsupported TLV length form 0x${length.toString(16)}`);
    if (at + length > bytes.length) throw new TlvError('truncated TLV');
    out.push({ tag, value: bytes.slice(at, at + length) });
    at += length;
  }
  return out;
}

/** The value of the first TLV with `tag`, or undefined. */
export function findTlv(tlvs: readonly Tlv[], tag: number): Uint8Array | undefined {
  return tlvs.find((t) => t.tag === tag)?.value;
}

/** The value of the first TLV with `tag`; throws when missing. */
export function requireTlv(tlvs: readonly Tlv[], tag: number): Uint8Array {
  const value = findTlv(tlvs, tag);
  if (value === undefined) throw new TlvError(`missing TLV tag 0x${tag.toString(16)}`);
  return value;
}
