// SPDX-License-Identifier: MIT
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';

export const command: CommandDef = {
  path: ['mfa', 'unregister'],
  args: '<profile>',
  summary: "Remove the profile's MFA device from IAM and the YubiKey, and its mfa_serial",
  help: [
    'DeactivateMFADevice and DeleteVirtualMFADevice (signed with an MFA session: one touch), then the OATH',
    'credential is deleted from the YubiKey and mfa_serial removed from the profile in ~/.aws/config.',
    'With several YubiKeys plugged in, the one holding the device is found (or name it: --serial / --reader).',
  ],
  examples: ['touchrole mfa unregister work'],
  options: { ...selectorOptions },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const name = positionals[0] ?? '';
    const r = await serviceFor(ctx).mfaDevice.unregister(name, { device: selectorFrom(values) });
    const where = r.removedFromKey ? ' from IAM and the YubiKey' : ' from IAM (the YubiKey had no credential for it)';
    return { text: `Removed MFA device ${r.serialNumber}${where}; mfa_serial removed from "${name}"`, json: r };
  },
};
