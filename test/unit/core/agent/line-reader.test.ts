// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { LineReader, type LineItem } from '../../../../src-main/core/agent/line-reader';

const lines = (items: LineItem[]): string[] => items.map((i) => (i.kind === 'line' ? i.text : '<oversized>'));

describe('LineReader', () => {
  it('splits lines across and within chunks', () => {
    const r = new LineReader(100);
    expect(lines(r.push(Buffer.from('ab')))).toEqual([]);
    expect(lines(r.push(Buffer.from('c\nde\nf')))).toEqual(['abc', 'de']);
    expect(lines(r.push(Buffer.from('\n')))).toEqual(['f']);
  });

  it('drops a trailing CR and keeps empty lines as empty', () => {
    expect(lines(new LineReader(100).push(Buffer.from('a\r\n\n')))).toEqual(['a', '']);
  });

  it('decodes UTF-8 split across chunks', () => {
    const bytes = Buffer.from('é\n');
    const r = new LineReader(100);
    expect(lines(r.push(bytes.subarray(0, 1)))).toEqual([]);
    expect(lines(r.push(bytes.subarray(1)))).toEqual(['é']);
  });

  it('accepts a line of exactly maxBytes', () => {
    expect(lines(new LineReader(4).push(Buffer.from('abcd\n')))).toEqual(['abcd']);
  });

  it('reports an oversized line once, skips it, and reads the next line', () => {
    const r = new LineReader(4);
    expect(lines(r.push(Buffer.from('abc')))).toEqual([]);
    expect(lines(r.push(Buffer.from('de')))).toEqual(['<oversized>']);
    expect(lines(r.push(Buffer.from('fghij')))).toEqual([]);
    expect(lines(r.push(Buffer.from('k\nok\n')))).toEqual(['ok']);
  });
});
