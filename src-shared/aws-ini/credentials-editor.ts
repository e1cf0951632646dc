// SPDX-License-Identifier: MIT
import { TouchroleError } from '../errors';
import { markerLine } from './managed-marker';
import { pyLower } from './py-text';
import type { ScannedLine } from './scan';
import { detectEol, scanSections, type SectionSpan } from './sections';

/**
 * Edits a credentials file's text by splicing: only the lines of touchrole's own sections
 * change (or the lines of keys being moved to the keychain); every other byte (comments,
 * order, CRLF or LF, a last line without newline, a BOM) stays as it was. Pure: the caller
 * reads, re-parses and writes (see core/aws-config).
 */

/** A session touchrole writes as an expiring profile. */
export interface ManagedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface ManagedSectionInfo {
  name: string;
  /** Epoch ms; NaN when the marker's date is damaged (such a section never counts as expired). */
  expiresAt: number;
}

/** The sections touchrole wrote, in file order. */
export function managedSections(text: string): ManagedSectionInfo[] {
  return scanSections(text)
    .sections.filter((s) => s.managedExpiresAt !== undefined)
    .map((s) => ({ name: s.name, expiresAt: s.managedExpiresAt ?? NaN }));
}

/**
 * Writes `session` as section [name], replacing touchrole's previous section of that name in
 * place, or appending it. Always aws_session_token (never the legacy aws_security_token,
 * which botocore would prefer). Refuses a name the user's own section already has.
 */
export function upsertManagedSection(text: string, name: string, session: ManagedSession): string {
  checkSectionName(name);
  const entries: Array<[string, string]> = [
    ['aws_access_key_id', session.accessKeyId],
    ['aws_secret_access_key', session.secretAccessKey],
    ['aws_session_token', session.sessionToken],
  ];
  for (const [key, value] of entries) checkValue(key, value);
  if (!Number.isFinite(session.expiresAt)) throw new TouchroleError('internal', 'A session to write has no valid expiry time');
  const { lines, sections } = scanSections(text);
  const existing = findSection(sections, name);
  if (existing !== undefined && existing.managedExpiresAt === undefined) throw userSection(name);
  const body = [`[${name}]`, markerLine(session.expiresAt), ...entries.map(([k, v]) => `${k} = ${v}`)];
  let result: string;
  if (existing !== undefined) {
    const first = line(lines, existing.header);
    const last = line(lines, existing.last);
    const eol = first.eol || detectEol(lines);
    result = text.slice(0, first.start) + body.join(eol) + (last.eol === '' ? '' : eol) + text.slice(last.end);
  } else {
    const eol = detectEol(lines);
    if (text === '') result = body.join(eol) + eol;
    // A blank line before the new section; a file without a final newline keeps that shape.
    else if (/[\r\n]$/.test(text)) result = text + eol + body.join(eol) + eol;
    else result = text + eol + eol + body.join(eol);
  }
  verifyWritten(result, name, entries);
  return result;
}

/** Removes touchrole's section [name] (no-op when there is none); refuses the user's own section. */
export function removeManagedSection(text: string, name: string): string {
  const { lines, sections } = scanSections(text);
  const span = findSection(sections, name);
  if (span === undefined) return text;
  if (span.managedExpiresAt === undefined) throw userSection(name);
  return cutSection(text, lines, span);
}

export interface RemoveExpiredOptions {
  /**
   * Also remove touchrole's sections whose marker date was damaged by a hand edit (`touchrole
   * clean` does; the automatic clean-up on every write does not, as the date cannot be judged).
   */
  unreadableExpiry?: boolean;
}

/** Removes touchrole's sections whose expiry is at or before `now` (epoch ms). One pass: linear in the text. */
export function removeExpiredManagedSections(text: string, now: number, options: RemoveExpiredOptions = {}): { text: string; removed: string[] } {
  const { lines, sections } = scanSections(text);
  const expired = sections.filter(
    (s) => s.managedExpiresAt !== undefined && (s.managedExpiresAt <= now || (options.unreadableExpiry === true && Number.isNaN(s.managedExpiresAt))),
  );
  if (expired.length === 0) return { text, removed: [] };
  // Cutting one section at a time would copy the whole text per section (quadratic on big files):
  // collect the byte ranges, merge the ones that touch, and join what is left once.
  const ranges = expired.map((span) => sectionRange(lines, span));
  const kept: string[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    if (start > from) kept.push(text.slice(from, start));
    from = Math.max(from, end);
  }
  kept.push(text.slice(from));
  return { text: kept.join(''), removed: expired.map((s) => s.name) };
}

/** Removes every section touchrole wrote, whatever its expiry (touchrole logout); the user's own sections stay. */
export function removeAllManagedSections(text: string): { text: string; removed: string[] } {
  return removeExpiredManagedSections(text, Number.POSITIVE_INFINITY, { unreadableExpiry: true });
}

/**
 * Removes `keys` (compared lower-cased, as botocore does) with their continuation lines from
 * section [section], keeping every other line, comment and line break. For `keys import`.
 */
export function removeKeys(text: string, section: string, keys: readonly string[]): string {
  const { lines, sections } = scanSections(text);
  const span = findSection(sections, section);
  if (span === undefined) return text;
  const wanted = new Set(keys.map(pyLower));
  const ranges: Array<[number, number]> = [];
  for (let i = span.header + 1; i < span.next; i++) {
    const l = line(lines, i);
    if (l.kind !== 'option' || l.key === undefined || !wanted.has(l.key)) continue;
    let end = i;
    for (let j = i + 1; j < span.next; j++) {
      const k = line(lines, j).kind;
      if (k === 'continuation') end = j;
      else if (k !== 'blank' && k !== 'comment') break;
    }
    ranges.push([i, end]);
    i = end;
  }
  let result = text;
  for (const [from, to] of ranges.reverse()) result = cut(result, lines, from, to);
  return result;
}

function cutSection(text: string, lines: readonly ScannedLine[], span: SectionSpan): string {
  const [start, end] = sectionRange(lines, span);
  return text.slice(0, start) + text.slice(end);
}

/** The byte range a section takes, with the blank line touchrole put before it. */
function sectionRange(lines: readonly ScannedLine[], span: SectionSpan): [number, number] {
  const before = lines[span.header - 1];
  const from = before !== undefined && before.content === '' && before.eol !== '' ? span.header - 1 : span.header;
  return lineRange(lines, from, span.last);
}

/** Removes lines from..to (inclusive); if that ends the file without a newline, so does the result. */
function cut(text: string, lines: readonly ScannedLine[], from: number, to: number): string {
  const [start, end] = lineRange(lines, from, to);
  return text.slice(0, start) + text.slice(end);
}

/** The byte range of lines from..to; at the end of a file without a final newline, the line break before them too. */
function lineRange(lines: readonly ScannedLine[], from: number, to: number): [number, number] {
  const last = line(lines, to);
  let start = line(lines, from).start;
  if (last.eol === '' && from > 0) start -= line(lines, from - 1).eol.length;
  return [start, last.end];
}

function findSection(sections: readonly SectionSpan[], name: string): SectionSpan | undefined {
  return sections.find((s) => s.name === name);
}

function line(lines: readonly ScannedLine[], i: number): ScannedLine {
  const l = lines[i];
  if (l === undefined) throw new TouchroleError('internal', `credentials editor: no line ${i + 1}`);
  return l;
}

function userSection(name: string): TouchroleError {
  return new TouchroleError('profile-invalid', `The credentials file has a [${name}] section that touchrole did not write`, {
    hint: 'touchrole never changes your own sections: rename that section or choose another session profile name.',
  });
}

// Control characters (including the ones Python splits lines on) would break or hide the header.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function checkSectionName(name: string): void {
  // [DEFAULT] is configparser's defaults section: its keys would appear in every profile.
  if (name === '' || name === 'DEFAULT' || CONTROL.test(name) || name.trim() !== name) {
    throw new TouchroleError('profile-invalid', `"${name}" cannot be used as a credentials-file profile name`, {
      hint: 'Use a name without control characters or surrounding spaces (and not DEFAULT).',
    });
  }
}

function checkValue(key: string, value: string): void {
  // Access keys and tokens are printable ASCII without spaces; anything else would not
  // read back verbatim. The value itself is never echoed.
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new TouchroleError('file-write-failed', `Refusing to write ${key}: the value has unexpected characters`);
  }
}

/** The written section must read back as exactly the keys written (nothing continued into it). */
function verifyWritten(text: string, name: string, entries: ReadonlyArray<[string, string]>): void {
  const { lines, sections } = scanSections(text);
  const span = findSection(sections, name);
  const read = span === undefined ? [] : lines.slice(span.header + 1, span.next).filter((l) => l.kind !== 'blank' && l.kind !== 'comment');
  const ok = read.length === entries.length && read.every((l, i) => l.kind === 'option' && l.key === entries[i]?.[0] && l.value === entries[i]?.[1]);
  if (!ok) {
    throw new TouchroleError('credentials-parse-error', `The credentials file's layout around [${name}] prevents a safe edit`, {
      hint: 'Check the lines near that section (indentation), or remove the section by hand.',
    });
  }
}
