// SPDX-License-Identifier: MIT
import { firstNonSpace, pyLower, pyRstrip, pyStrip } from './py-text';

/**
 * Splits an AWS config/credentials text into classified lines exactly as Python's
 * configparser (botocore's reader) sees them, keeping offsets so the editor can splice bytes.
 * Scanning never throws: `parseIni` turns the `error` fields into failures, the editor ignores them.
 */
export type LineKind = 'blank' | 'comment' | 'header' | 'option' | 'continuation' | 'invalid';

export interface ScannedLine {
  /** 1-based line number. */
  number: number;
  /** Offset of the first character of the line in the text. */
  start: number;
  /** Offset just past the line's content (before its line break). */
  contentEnd: number;
  /** Offset just past the line break ('' at the end of a file without a final newline). */
  end: number;
  /** The line without its line break. */
  content: string;
  /** The line break: '\r\n', '\n', '\r' or ''. */
  eol: string;
  kind: LineKind;
  /** Header lines: the section name, verbatim (up to the last ']'). */
  section?: string;
  /** Option and continuation lines: the lower-cased key they belong to. */
  key?: string;
  /** Option lines: the value on the key line; continuation lines: the stripped text. */
  value?: string;
  /** Why configparser rejects this line, if it does. */
  error?: LineError;
}

export type LineError = 'missing-section-header' | 'no-delimiter' | 'empty-key';

// The header pattern `\[(?P<header>.+)\]` matched at the start of the stripped line: greedy, so
// the name runs to the LAST ']'; anything after it is ignored.
const HEADER = /^\[([^\n]+)\]/;
// `(?P<option>.*?)\s*(?P<vi>[=:])\s*(?P<value>.*)$`: the earliest '=' or ':' splits.
const DELIMITER = /[=:]/;

export function splitLines(text: string): Array<{ start: number; contentEnd: number; end: number; eol: string }> {
  const out: Array<{ start: number; contentEnd: number; end: number; eol: string }> = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ start, contentEnd: m.index, end: m.index + m[0].length, eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, contentEnd: text.length, end: text.length, eol: '' });
  return out;
}

export function scanLines(text: string): ScannedLine[] {
  const lines: ScannedLine[] = [];
  let inSection = false;
  let currentKey: string | undefined; // the key a deeper-indented line would continue
  let indentLevel = 0;
  let number = 0;
  for (const span of splitLines(text)) {
    number++;
    const content = text.slice(span.start, span.contentEnd);
    const base = { number, ...span, content };
    const stripped = pyStrip(content);
    if (stripped === '') {
      // configparser (empty_lines_in_values=True) keeps the current key open across blank lines.
      lines.push({ ...base, kind: 'blank' });
      continue;
    }
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      lines.push({ ...base, kind: 'comment' });
      continue;
    }
    const indent = firstNonSpace(content);
    if (inSection && currentKey !== undefined && indent > indentLevel) {
      lines.push({ ...base, kind: 'continuation', key: currentKey, value: stripped });
      continue;
    }
    indentLevel = indent;
    const header = HEADER.exec(stripped);
    if (header) {
      inSection = true;
      currentKey = undefined;
      lines.push({ ...base, kind: 'header', section: header[1] ?? '' });
      continue;
    }
    if (!inSection) {
      lines.push({ ...base, kind: 'invalid', error: 'missing-section-header' });
      continue;
    }
    const delim = DELIMITER.exec(stripped);
    if (!delim) {
      lines.push({ ...base, kind: 'invalid', error: 'no-delimiter' });
      continue;
    }
    const key = pyLower(pyRstrip(stripped.slice(0, delim.index)));
    const value = pyStrip(stripped.slice(delim.index + 1));
    // configparser records an empty key as an error, keeps going and fails at the end of the file.
    currentKey = key === '' ? undefined : key;
    lines.push(key === '' ? { ...base, kind: 'option', key, value, error: 'empty-key' } : { ...base, kind: 'option', key, value });
  }
  return lines;
}
