// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['clean'],
  args: '',
  summary: 'Remove expired touchrole sessions from the credentials file and the cache, and stale temp files',
  help: [
    'Only sections touchrole wrote (marked "# managed by touchrole") are ever removed; every other byte stays.',
    'A touchrole section whose expiry date was damaged by a hand edit ("expiry unreadable" in `touchrole status`) is removed too.',
  ],
  examples: ['touchrole clean'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const r = await serviceFor(ctx).records.clean();
    const { path, removed: removedExpired, cacheEntriesRemoved: cacheEntries, tempFilesRemoved: tempFiles } = r;
    const lines = [
      removedExpired.length
        ? `Removed ${removedExpired.length} expired session(s) from ${path}: ${removedExpired.map(printable).join(', ')}`
        : `No expired sessions in ${path}`,
      ...(cacheEntries.length ? [`Removed ${cacheEntries.length} expired cache entr${cacheEntries.length === 1 ? 'y' : 'ies'}`] : []),
      ...(tempFiles.length ? [`Removed ${tempFiles.length} stale temp file(s) of a crashed write`] : []),
    ];
    return { text: lines.join('\n'), json: r };
  },
};
