// SPDX-License-Identifier: MIT
/** Byte helpers for pure code: Uint8Array only (no Buffer, no TextEncoder in ES2022 lib). */

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError('invalid hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** UTF-8 encode a string (credential names may contain any Unicode). */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** UTF-8 decode; malformed sequences become U+FFFD rather than throwing. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  const cont = (k: number): number => {
    const b = bytes[i + k];
    return b !== undefined && (b & 0xc0) === 0x80 ? b & 0x3f : -1;
  };
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let cp = -1;
    let len = 1;
    if (b0 < 0x80) cp = b0;
    else if ((b0 & 0xe0) === 0xc0) {
      len = 2;
      const c1 = cont(1);
      if (c1 >= 0) cp = ((b0 & 0x1f) << 6) | c1;
    } else if ((b0 & 0xf0) === 0xe0) {
      len = 3;
      const c1 = cont(1);
      const c2 = cont(2);
      if (c1 >= 0 && c2 >= 0) cp = ((b0 & 0x0f) << 12) | (c1 << 6) | c2;
    } else if ((b0 & 0xf8) === 0xf0) {
      len = 4;
      const c1 = cont(1);
      const c2 = cont(2);
      const c3 = cont(3);
      if (c1 >= 0 && c2 >= 0 && c3 >= 0) cp = ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
    }
    if (cp < 0) {
      out += '\ufffd';
      i += 1;
    } else {
      out += String.fromCodePoint(cp);
      i += len;
    }
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without '=' padding (the form ykman uses for OATH device ids). */
export function base64NoPad(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, bytes.length - i + 1);
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 0x3f];
  }
  return out;
}
