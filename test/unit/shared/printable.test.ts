// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { printable, printableText } from '../../../src-shared/printable';

describe('printable: a value shown to a person', () => {
  it.each([
    ['plain names stay as they are', 'prod-admin', 'prod-admin'],
    ['non-ASCII letters stay', 'équipe-ü', 'équipe-ü'],
    ['an ANSI colour sequence shows its ESC', 'red\u001b[31mX', 'red\\x1b[31mX'],
    ['a newline cannot forge a line', 'a\nb', 'a\\nb'],
    ['carriage return, tab, NUL, BEL', '\r\t\u0000\u0007', '\\r\\t\\x00\\x07'],
    ['DEL and C1 controls (CSI 0x9b)', '\u007f\u009b31m', '\\x7f\\x9b31m'],
    ['an OSC hyperlink/title sequence', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['bidi overrides and isolates', 'abc\u202edcba\u2066', 'abc\\u{202e}dcba\\u{2066}'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u{2028}b\\u{2029}'],
  ])('%s', (_what, input, expected) => {
    expect(printable(input)).toBe(expected);
  });
});

describe('printableText: whole output', () => {
  it('keeps line breaks and tabs, escapes every other control character', () => {
    expect(printableText('a\tb\nc\u001b[2J\rd\u202e')).toBe('a\tb\nc\\x1b[2J\\rd\\u{202e}');
  });
});
