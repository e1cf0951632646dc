// SPDX-License-Identifier: MIT
import { describeKey, type KeyListing } from '../../core/service';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['yubikey', 'list'],
  args: '',
  summary: 'YubiKeys and their OATH credentials; AWS MFA devices are marked',
  help: ['A locked key (OATH password set) shows its credentials once `touchrole yubikey unlock` stored its key.'],
  examples: ['touchrole yubikey list', 'touchrole yubikey list --json'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const keys = await serviceFor(ctx).yubikey.list();
    const text = keys.length > 0 ? keys.map(describe).join('\n\n') : NO_KEY;
    return { text, json: { keys } };
  },
};

const NO_KEY = [
  'No YubiKey found: insert it or check that its CCID interface is enabled.',
  "  Enable CCID with `ykman config usb --enable-all`; a key in use by another program (gpg-agent's",
  '  scdaemon, Yubico Authenticator) is reported as busy rather than missing.',
].join('\n');

function describe(k: KeyListing): string {
  const head = `YubiKey ${describeKey(k)}, OATH ${k.version}${k.locked ? ', password protected' : ''}`;
  if (k.credentials === undefined) return `${head}\n  (locked: run \`touchrole yubikey unlock\`)`;
  if (k.credentials.length === 0) return `${head}\n  (no OATH credentials)`;
  const rows = k.credentials.map((c) => {
    const details = [c.type.toUpperCase(), c.algorithm, c.type === 'totp' ? `${c.period}s` : '', c.touch ? 'touch' : ''].filter(Boolean).join(', ');
    return `  ${c.awsMfaArn ? '[AWS] ' : ''}${c.id}  (${details})`;
  });
  return [head, ...rows].join('\n');
}
