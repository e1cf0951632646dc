// SPDX-License-Identifier: MIT
/** What `clean`, `whoami` and `decode` tell the user: the same words in the CLI and the window. */
import { printable } from './printable';

/** What `clean` removed, one line each (the first always says what happened in the credentials file). */
export function cleanSummaryLines(r: { path: string; removed: readonly string[]; cacheEntriesRemoved: number; tempFilesRemoved: number }): string[] {
  const { path, removed, cacheEntriesRemoved: cache, tempFilesRemoved: temp } = r;
  return [
    removed.length ? `Removed ${removed.length} expired session(s) from ${path}: ${removed.map(printable).join(', ')}` : `No expired sessions in ${path}`,
    ...(cache ? [`Removed ${cache} expired cache entr${cache === 1 ? 'y' : 'ies'}`] : []),
    ...(temp ? [`Removed ${temp} stale temp file(s) of a crashed write`] : []),
  ];
}

/** The caller identity of `whoami`: the ARN, then the account and user id. */
export function whoamiLines(id: { arn: string; account: string; userId: string }): string[] {
  return [printable(id.arn), `account ${printable(id.account)}, user id ${printable(id.userId)}`];
}

/**
 * A decoded authorization message as shown: its JSON indented by two spaces, or the text as STS
 * returned it when it is not JSON. `decoded` is the parsed value (the text when it did not parse).
 */
export function formatDecodedMessage(text: string): { text: string; decoded: unknown } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return { text, decoded: text };
  }
  return { text: JSON.stringify(decoded, null, 2), decoded };
}

/** An encoded authorization failure message as pasted: its whitespace (line breaks of a copied terminal line) dropped. */
export function compactEncodedMessage(pasted: string): string {
  return pasted.replace(/\s+/g, '');
}
