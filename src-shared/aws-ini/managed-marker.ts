// SPDX-License-Identifier: MIT
import { pyStrip } from './py-text';

/**
 * The comment line touchrole writes right under the header of every section it manages.
 * botocore ignores comment lines, so the section reads as plain keys; the marker is how
 * touchrole knows a section is its own (and when it expires). A section without it is the
 * user's and is never modified or removed.
 */
const PREFIX = '# managed by touchrole; expires ';
const SUFFIX = '; touchrole rewrites or removes this section';
const MARKER = /^# managed by touchrole; expires ([^;\s]+)/;

export function markerLine(expiresAt: number): string {
  return `${PREFIX}${new Date(expiresAt).toISOString()}${SUFFIX}`;
}

/**
 * For a line's text: undefined when it is not a marker; otherwise the expiry in epoch ms,
 * or NaN when the date was damaged (the section stays managed but is never treated as expired).
 */
export function parseMarker(content: string): number | undefined {
  const m = MARKER.exec(pyStrip(content));
  if (!m) return undefined;
  const ms = Date.parse(m[1] ?? '');
  return Number.isFinite(ms) ? ms : NaN;
}
