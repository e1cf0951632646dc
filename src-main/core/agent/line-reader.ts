// SPDX-License-Identifier: MIT

export type LineItem = { kind: 'line'; text: string } | { kind: 'oversized' };

/**
 * Splits a byte stream into newline-terminated UTF-8 lines, holding at most `maxBytes` of an
 * unfinished line. A longer line is reported once as `oversized` and its remaining bytes are
 * dropped up to the next newline, so one bad message cannot cost memory or the connection.
 */
export class LineReader {
  private parts: Buffer[] = [];
  private held = 0;
  private skipping = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): LineItem[] {
    const items: LineItem[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      this.take(chunk.subarray(start, end), items);
      if (nl === -1) return items;
      if (this.skipping) this.skipping = false;
      else items.push({ kind: 'line', text: this.drain() });
      start = nl + 1;
    }
  }

  private take(piece: Buffer, items: LineItem[]): void {
    if (this.skipping || piece.length === 0) return;
    if (this.held + piece.length > this.maxBytes) {
      this.parts = [];
      this.held = 0;
      this.skipping = true;
      items.push({ kind: 'oversized' });
      return;
    }
    this.parts.push(piece);
    this.held += piece.length;
  }

  private drain(): string {
    const text = Buffer.concat(this.parts, this.held).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.held = 0;
    return text;
  }
}
