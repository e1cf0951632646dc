// SPDX-License-Identifier: MIT
import { cleanSummaryLines } from '../../../src-shared/tool-messages';
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
    const lines = cleanSummaryLines({ ...r, cacheEntriesRemoved: r.cacheEntriesRemoved.length, tempFilesRemoved: r.tempFilesRemoved.length });
    return { text: lines.join('\n'), json: r };
  },
};
