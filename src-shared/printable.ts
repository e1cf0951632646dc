// SPDX-License-Identifier: MIT
/**
 * Escaping for text a person reads (terminal output, tray labels, notifications). Profile names,
 * ARNs and the messages quoting them come from files anyone can write; an ESC sequence in them
 * could recolour, hide or rewrite the terminal, a newline could forge an output line, and a
 * bidi override could reverse what is shown. `--json` output needs none of this: JSON escapes
 * control characters itself.
 */

// C0, DEL and C1 controls; bidi marks, embeddings, overrides and isolates; line and paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { '\n': '\\n', '\r': '\\r', '\t': '\\t' }),
);

/** One value (a name, an ARN, a message) shown on one line: every control character becomes visible. */
export function printable(value: string): string {
  return value.replace(UNSAFE, escapeChar);
}

/** Whole multi-line output: line breaks and tabs stay, every other control character becomes visible. */
export function printableText(text: string): string {
  return text.replace(UNSAFE_EXCEPT_LINES, escapeChar);
}

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
