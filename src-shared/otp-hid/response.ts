// SPDX-License-Identifier: MIT
/** Reassembling a data response from feature reports and checking its CRC (yubikit `_read_frame`). */
import { checkCrc16 } from './crc16';
import { classifyReport } from './status';

/** The outcome of feeding one report to a `ResponseAssembler`. */
export type AssemblyStep =
  | { kind: 'more' }
  /** The sequence wrapped to 0 after data: the whole response has been read. */
  | { kind: 'complete'; data: Uint8Array }
  | { kind: 'not-response' };

/**
 * Collects response chunks in sequence order. A chunk whose sequence number is not the next
 * one is ignored, except sequence 0 after data, which marks the end (as yubikit reads it).
 */
export class ResponseAssembler {
  private readonly chunks: Uint8Array[] = [];

  get hasData(): boolean {
    return this.chunks.length > 0;
  }

  push(report: Uint8Array): AssemblyStep {
    const r = classifyReport(report);
    if (r.kind !== 'response') return { kind: 'not-response' };
    if (r.seq === this.chunks.length) {
      this.chunks.push(r.data);
      return { kind: 'more' };
    }
    if (r.seq === 0) return { kind: 'complete', data: concat(this.chunks) };
    return { kind: 'more' };
  }
}

/**
 * yubikit `_YubiOtpOtpBackend.send_and_receive`: the first `expectedLength` bytes are the answer
 * when they and the two CRC bytes after them check out; otherwise null (a corrupted transfer).
 */
export function verifyResponse(response: Uint8Array, expectedLength: number): Uint8Array | null {
  if (response.length < expectedLength + 2) return null;
  if (!checkCrc16(response.subarray(0, expectedLength + 2))) return null;
  return response.slice(0, expectedLength);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
