// SPDX-License-Identifier: MIT
import { EXPORT_FORMATS, formatExport, isExportFormat, unknownFormat } from '../../../src-shared/delivery/export-formats';
import { parseDuration } from '../../../src-shared/time/duration';
import { MIN_REMAINING_MS } from '../../core/service';
import { stringOption, type CommandDef } from '../command';
import { sessionSourceFor } from '../session-source-for';

export const command: CommandDef = {
  path: ['export'],
  args: '<profile>',
  summary: 'Print a role session for the current shell, as `aws configure export-credentials` does',
  help: [
    `--format ${EXPORT_FORMATS.join('|')} (default process): the formats, variable names and quoting of`,
    "AWS CLI v2's `aws configure export-credentials`; process is credential_process JSON (Version 1).",
    'Reuses a cached session with more than 5 minutes left, else elevates (touch the YubiKey).',
    '--duration: the length of a new session (15m to 12h).',
  ],
  examples: [
    'eval "$(touchrole export prod-admin --format env)"',
    'touchrole export prod-admin --format fish | source',
    'touchrole export prod-admin --format powershell | Invoke-Expression',
  ],
  options: { format: { type: 'string' }, duration: { type: 'string' } },
  positionals: [1, 1],
  completion: { values: { format: EXPORT_FORMATS } },
  async run({ positionals, values }, ctx) {
    const profile = positionals[0] ?? '';
    const format = stringOption(values, 'format') ?? 'process';
    // Before any touch: a typo costs nothing.
    if (!isExportFormat(format)) throw unknownFormat(format);
    const duration = stringOption(values, 'duration');
    const s = await sessionSourceFor(ctx).session(profile, {
      minRemainingMs: MIN_REMAINING_MS,
      ...(duration === undefined ? {} : { durationSeconds: parseDuration(duration) }),
    });
    // --json prints the process format (JSON already), whatever --format says.
    const processJson = formatExport('process', s.credentials).trimEnd();
    return { text: formatExport(format, s.credentials), json: JSON.parse(processJson) as unknown, jsonText: processJson };
  },
};
