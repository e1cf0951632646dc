// SPDX-License-Identifier: MIT
import { pyRstrip, pySplitlines, pyStrip } from './py-text';
import { scanLines, type LineError } from './scan';

/** A setting: a string, or a nested sub-section (`s3 =` followed by indented `k = v` lines). */
export type IniValue = string | ReadonlyMap<string, string>;
export type IniSection = ReadonlyMap<string, IniValue>;
/** Sections in file order, by exact name. */
export type IniSections = ReadonlyMap<string, IniSection>;

export type IniErrorReason =
  'duplicate-section' | 'duplicate-key' | 'missing-section-header' | 'line-without-delimiter' | 'empty-key' | 'nested-line-without-equals';

const REASON_TEXT: Record<IniErrorReason, string> = {
  'duplicate-section': 'a section appears twice',
  'duplicate-key': 'a key appears twice in one section',
  'missing-section-header': 'a setting appears before the first [section] header',
  'line-without-delimiter': "a line is neither a comment, a [section] header nor 'key = value'",
  'empty-key': "a line has no key before '=' or ':'",
  'nested-line-without-equals': "a line in an indented sub-section has no '='",
};

/**
 * A file botocore refuses to read. The message names the line and the rule, never the line's
 * text: values may be secrets.
 */
export class IniSyntaxError extends Error {
  constructor(
    readonly reason: IniErrorReason,
    readonly line: number,
    readonly section?: string,
  ) {
    super(`line ${line}: ${REASON_TEXT[reason]}${section === undefined ? '' : ` (section [${section}])`}`);
    this.name = 'IniSyntaxError';
  }
}

const LINE_ERROR_REASON: Record<LineError, IniErrorReason> = {
  'missing-section-header': 'missing-section-header',
  'no-delimiter': 'line-without-delimiter',
  'empty-key': 'empty-key',
};

// configparser's DEFAULT section: not a section of its own, its keys appear in every section.
const DEFAULT_SECTION = 'DEFAULT';

interface RawOption {
  parts: string[];
  line: number;
}

/**
 * botocore's `raw_config_parse`: Python configparser (strict, no interpolation, no inline
 * comments) followed by botocore's one level of nested sub-sections. Throws IniSyntaxError
 * wherever botocore raises ConfigParseError.
 */
export function parseIni(text: string): IniSections {
  const sections = new Map<string, Map<string, RawOption>>();
  const defaults = new Map<string, RawOption>();
  let current: Map<string, RawOption> | undefined;
  let currentName = '';
  // The key a blank line extends (configparser's `optname`): reset by headers only.
  let openKey: string | undefined;
  // Line-level errors are collected and raised at the end, as configparser does; duplicates
  // and a missing header stop it at once.
  let deferred: IniSyntaxError | undefined;
  for (const line of scanLines(text)) {
    if (line.error === 'missing-section-header') throw new IniSyntaxError('missing-section-header', line.number);
    if (line.error !== undefined) deferred ??= new IniSyntaxError(LINE_ERROR_REASON[line.error], line.number);
    switch (line.kind) {
      case 'header': {
        const name = line.section ?? '';
        if (name === DEFAULT_SECTION) current = defaults;
        else if (sections.has(name)) throw new IniSyntaxError('duplicate-section', line.number, name);
        else {
          current = new Map();
          sections.set(name, current);
        }
        currentName = name;
        openKey = undefined;
        break;
      }
      case 'option': {
        if (current === undefined || line.key === undefined) break;
        if (current.has(line.key)) throw new IniSyntaxError('duplicate-key', line.number, currentName);
        current.set(line.key, { parts: [line.value ?? ''], line: line.number });
        openKey = line.key === '' ? undefined : line.key;
        break;
      }
      case 'continuation':
        if (line.key !== undefined) current?.get(line.key)?.parts.push(line.value ?? '');
        break;
      case 'blank': {
        // A blank line inside a value is kept (then trailing ones are dropped by the rstrip).
        if (openKey !== undefined) current?.get(openKey)?.parts.push('');
        break;
      }
      case 'comment':
      case 'invalid':
        break;
    }
  }
  if (deferred) throw deferred;
  const out = new Map<string, IniSection>();
  for (const [name, options] of sections) {
    const section = new Map<string, IniValue>();
    // configparser's options(): the section's own keys, then DEFAULT's that it lacks.
    for (const [key, raw] of [...options, ...[...defaults].filter(([k]) => !options.has(k))]) {
      section.set(key, finishValue(raw, name));
    }
    out.set(name, section);
  }
  return out;
}

function finishValue(raw: RawOption, section: string): IniValue {
  const joined = pyRstrip(raw.parts.join('\n'));
  return joined.startsWith('\n') ? parseNested(joined, raw.line, section) : joined;
}

/** botocore's `_parse_nested`: split on str.splitlines, only '=' separates, later keys win. */
function parseNested(value: string, line: number, section: string): ReadonlyMap<string, string> {
  const nested = new Map<string, string>();
  for (const raw of pySplitlines(value)) {
    const entry = pyStrip(raw);
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq < 0) throw new IniSyntaxError('nested-line-without-equals', line, section);
    nested.set(pyStrip(entry.slice(0, eq)), pyStrip(entry.slice(eq + 1)));
  }
  return nested;
}
