// SPDX-License-Identifier: MIT
import { parseMarker } from './managed-marker';
import { scanLines, type ScannedLine } from './scan';

/** Where one section sits in the text, by line index into `lines`. */
export interface SectionSpan {
  name: string;
  header: number;
  /**
   * The last line that belongs to the section's content (a key, a continuation, a bad line,
   * the marker, or the header itself). Comments and blank lines after it are left alone:
   * they usually introduce the next section.
   */
  last: number;
  /** Lines up to (not including) the next header, or the end of the file. */
  next: number;
  /** Set for sections touchrole wrote: expiry in epoch ms (NaN if the marker's date is damaged). */
  managedExpiresAt?: number;
}

export interface ScannedText {
  lines: ScannedLine[];
  sections: SectionSpan[];
}

export function scanSections(text: string): ScannedText {
  const lines = scanLines(text);
  const sections: SectionSpan[] = [];
  lines.forEach((line, i) => {
    if (line.kind !== 'header') return;
    let next = i + 1;
    while (next < lines.length && lines[next]?.kind !== 'header') next++;
    const markerLine = lines[i + 1];
    const expires = markerLine?.kind === 'comment' ? parseMarker(markerLine.content) : undefined;
    let last = i;
    for (let j = i + 1; j < next; j++) {
      const kind = lines[j]?.kind;
      if (kind === 'option' || kind === 'continuation' || kind === 'invalid') last = j;
    }
    if (expires !== undefined && last === i) last = i + 1;
    const span: SectionSpan = { name: line.section ?? '', header: i, last, next };
    sections.push(expires === undefined ? span : { ...span, managedExpiresAt: expires });
  });
  return { lines, sections };
}

/** The line break the file uses (its first one), '\n' for a file that has none. */
export function detectEol(lines: readonly ScannedLine[]): string {
  return lines.find((l) => l.eol !== '')?.eol ?? '\n';
}
