// SPDX-License-Identifier: MIT
/**
 * Python's str whitespace rules, which botocore's parser inherits. JavaScript's `\s` and
 * `trim()` differ: they treat U+FEFF (a BOM) as space and miss U+001C-U+001F and U+0085, so
 * "\uFEFF[default]" would become a header here while botocore rejects the file.
 */
const PY_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** str.isspace() for one UTF-16 unit (every Python space is in the BMP). */
export function isPySpace(unit: number): boolean {
  return PY_SPACE.has(unit);
}

/** str.strip() with no argument. */
export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}

export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return s.slice(i);
}

export function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && isPySpace(s.charCodeAt(j - 1))) j--;
  return s.slice(0, j);
}

/** Index of the first non-space character (re `\S`), or `s.length` when there is none. */
export function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && isPySpace(s.charCodeAt(i))) i++;
  return i;
}

/** str.splitlines(): more line breaks than a file read has (\v, \f, \x1c-\x1e, \x85, U+2028/9). */
export function pySplitlines(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) {
      out.push(s.slice(start, i));
      i++;
      start = i + 1;
    } else if (PY_SPLITLINES.has(c)) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

const PY_SPLITLINES = new Set<number>([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);

/**
 * str.lower(). JavaScript's full lower-casing matches Python's (including 'İ' and final sigma)
 * except for code points added after Python 3.11's Unicode 14 tables.
 */
export function pyLower(s: string): string {
  return s.toLowerCase();
}
