// SPDX-License-Identifier: MIT
/**
 * Python's `shlex.split(s)` (POSIX mode, no comments), which botocore uses to split
 * `[profile NAME]` headers. Returns undefined where Python raises ValueError (an unclosed
 * quote, a trailing backslash): botocore then drops the section.
 */
const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;
const ESCAPE = '\\';
// Inside these quotes a backslash escapes only the quote itself and the backslash.
const ESCAPED_QUOTES = '"';

export function shlexSplit(s: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false; // a word (possibly an empty quoted one) has started
  let state: 'space' | 'word' | 'quote' | 'escape' = 'space';
  let quoteChar = '';
  let escapedFrom: 'word' | 'quote' = 'word';
  for (const ch of s) {
    switch (state) {
      case 'space':
      case 'word':
        if (WHITESPACE.includes(ch)) {
          if (inWord) words.push(word);
          word = '';
          inWord = false;
          state = 'space';
        } else if (ch === ESCAPE) {
          inWord = true;
          escapedFrom = 'word';
          state = 'escape';
        } else if (QUOTES.includes(ch)) {
          inWord = true;
          quoteChar = ch;
          state = 'quote';
        } else {
          inWord = true;
          word += ch;
          state = 'word';
        }
        break;
      case 'quote':
        if (ch === quoteChar) state = 'word';
        else if (ch === ESCAPE && ESCAPED_QUOTES.includes(quoteChar)) {
          escapedFrom = 'quote';
          state = 'escape';
        } else word += ch;
        break;
      case 'escape':
        if (escapedFrom === 'quote' && ch !== ESCAPE && ch !== quoteChar) word += ESCAPE;
        word += ch;
        state = escapedFrom;
        break;
    }
  }
  if (state === 'quote' || state === 'escape') return undefined;
  if (inWord) words.push(word);
  return words;
}
