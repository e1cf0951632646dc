// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'age'],
  args: '',
  summary: "How old each source profile's access key is, and which are due for rotation",
  help: [
    'The creation date comes from IAM ListAccessKeys (asked at most once a day, remembered in the state',
    'directory), else from when touchrole stored the key. A key older than the rotation max_age_days',
    'setting (default 90) is due; a profile can set its own limit with touchrole_key_max_age_days.',
  ],
  examples: ['touchrole keys age', 'touchrole keys age --json'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const report = await serviceFor(ctx).rotation.keyAges();
    const lines = report.map((e) => {
      const age = e.ageDays === null ? 'age unknown' : `${e.ageDays} days old (limit ${e.maxAgeDays}, from ${e.source})`;
      const due = e.due ? ' - DUE: touchrole keys rotate ' + printable(e.profile) : '';
      const pending = e.pendingDeletion === null ? '' : ` - old key ${e.pendingDeletion.oldAccessKeyId} to delete after ${e.pendingDeletion.deleteAfter}`;
      return `${printable(e.profile)}\t${e.accessKeyId ?? '-'}\t${age}${due}${pending}${e.note === null ? '' : ` (${printable(e.note)})`}`;
    });
    return { text: lines.length === 0 ? 'No profile has a long-term access key' : lines.join('\n'), json: { keys: report } };
  },
};
