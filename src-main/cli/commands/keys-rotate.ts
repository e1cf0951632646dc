// SPDX-License-Identifier: MIT
import { flag, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'rotate'],
  args: '<profile>',
  summary: "Replace a profile's access key with a new one, safely",
  help: [
    'CreateAccessKey -> store the new key where the old one was (keychain or credentials file) -> check it',
    'with GetCallerIdentity (retrying while IAM catches up) -> make the old key Inactive. The old key is',
    'deleted after a grace period (settings: rotation grace_days, default 7) by `--finish`, or at once with',
    '--delete-old. With mfa_serial in the profile, IAM calls use an MFA session (one touch).',
    'If any step fails, the stored key still works and the message says what IAM holds and what to run.',
    '--finish: delete the old key of a rotation whose grace period is over (--now: before that).',
  ],
  examples: [
    'touchrole keys rotate work',
    'touchrole keys rotate work --delete-old',
    'touchrole keys rotate work --finish',
    'touchrole keys rotate work --finish --now --json',
  ],
  options: { 'delete-old': { type: 'boolean' }, finish: { type: 'boolean' }, now: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const name = positionals[0] ?? '';
    const rotation = serviceFor(ctx).rotation;
    if (flag(values, 'finish')) {
      const r = await rotation.finish(name, { now: flag(values, 'now') });
      return { text: `Deleted old key ${r.deletedAccessKeyId} of "${name}"${r.alreadyGone ? ' (it was already gone from IAM)' : ''}`, json: r };
    }
    const r = await rotation.rotate(name, { deleteOld: flag(values, 'delete-old') });
    const tail =
      r.oldKey === 'deleted'
        ? `old key ${r.oldAccessKeyId} deleted`
        : `old key ${r.oldAccessKeyId} is inactive; run \`touchrole keys rotate ${name} --finish\` after ${r.deleteAfter ?? ''} to delete it`;
    return { text: `Rotated "${name}": new key ${r.newAccessKeyId} stored in ${r.storedIn} and working; ${tail}`, json: r };
  },
};
