// SPDX-License-Identifier: MIT
// Byte-preserving edits of one value in one section of an AWS config or credentials file:
// every other line, comment and line break stays as it was (the user's file is never re-serialised).
import { removeKeys } from '../../../src-shared/aws-ini';
import { pyLower, pyRstrip } from '../../../src-shared/aws-ini/py-text';
import { detectEol, scanSections } from '../../../src-shared/aws-ini/sections';
import { TouchroleError } from '../../../src-shared/errors';

/**
 * Sets `key = value` in [section]: the existing value is replaced in place, or a new line goes
 * after the section's last setting; a missing section is appended when `createSection` is set.
 */
export function setSectionValue(text: string, section: string, key: string, value: string, options: { createSection?: boolean } = {}): string {
  if (/[\r\n]/.test(value)) throw new TouchroleError('internal', `refusing to write a line break into ${key}`);
  const { lines, sections } = scanSections(text);
  const eol = detectEol(lines);
  const span = sections.find((s) => s.name === section);
  if (span === undefined) {
    if (options.createSection !== true) throw new TouchroleError('profile-not-found', `There is no [${section}] section to edit`);
    const sep = text === '' ? '' : /(\r\n|\r|\n)$/.test(text) ? eol : eol + eol;
    return `${text}${sep}[${section}]${eol}${key} = ${value}${eol}`;
  }
  const wanted = pyLower(key);
  for (let i = span.header + 1; i < span.next; i++) {
    const l = lines[i];
    if (l?.kind !== 'option' || l.key !== wanted) continue;
    if (lines[i + 1]?.kind === 'continuation') {
      throw new TouchroleError('profile-invalid', `${key} in [${section}] spans several lines; touchrole will not rewrite it`, {
        hint: `Put ${key} on one line and run the command again.`,
      });
    }
    const delimiter = l.content.search(/[=:]/);
    let start = delimiter + 1;
    while (start < l.content.length && /\s/.test(l.content[start] ?? '')) start++;
    const end = Math.max(start, pyRstrip(l.content).length);
    return text.slice(0, l.start + start) + value + text.slice(l.start + end);
  }
  const last = lines[span.last];
  if (last === undefined) throw new TouchroleError('internal', `ini editor: no line ${span.last + 1}`);
  // After the section's last setting; a file without a final newline keeps having none.
  const insert = last.eol === '' ? `${eol}${key} = ${value}` : `${key} = ${value}${eol}`;
  return text.slice(0, last.end) + insert + text.slice(last.end);
}

/** Removes `key` (and its continuation lines) from [section]; anything else is left alone. */
export function removeSectionValue(text: string, section: string, key: string): string {
  return removeKeys(text, section, [key]);
}

/** The value of `key` in [section] as written on its line, or undefined. */
export function readSectionValue(text: string, section: string, key: string): string | undefined {
  const { lines, sections } = scanSections(text);
  const span = sections.find((s) => s.name === section);
  if (span === undefined) return undefined;
  const wanted = pyLower(key);
  for (let i = span.header + 1; i < span.next; i++) {
    const l = lines[i];
    if (l?.kind === 'option' && l.key === wanted) return l.value;
  }
  return undefined;
}

/** The config-file section of a profile: [profile NAME], or [default] for the default profile. */
export function configSectionName(text: string, profile: string): string {
  if (profile !== 'default') return `profile ${profile}`;
  return scanSections(text).sections.some((s) => s.name === 'profile default') ? 'profile default' : 'default';
}
