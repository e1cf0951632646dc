// SPDX-License-Identifier: MIT
import { flag, stringOption, type CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';

export const command: CommandDef = {
  path: ['mfa', 'register'],
  args: '<profile>',
  summary: "Make the YubiKey the IAM user's virtual MFA device and set mfa_serial",
  help: [
    'CreateVirtualMFADevice -> the seed goes straight into the YubiKey OATH applet (named with the device',
    'ARN, touch required unless --no-touch) -> the key computes two consecutive codes (touch twice) ->',
    'EnableMFADevice -> mfa_serial is added to the profile in ~/.aws/config. The seed is never shown or saved.',
    '--device-name: the IAM device name (default: the IAM user name).',
    '--serial / --reader: which YubiKey gets the seed when several are plugged in.',
  ],
  examples: ['touchrole mfa register work', 'touchrole mfa register work --no-touch --json'],
  options: { 'no-touch': { type: 'boolean' }, 'device-name': { type: 'string' }, ...selectorOptions },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const name = positionals[0] ?? '';
    const touch = !flag(values, 'no-touch');
    const deviceName = stringOption(values, 'device-name');
    const r = await serviceFor(ctx).mfaDevice.register(name, {
      touch,
      device: selectorFrom(values),
      ...(deviceName === undefined ? {} : { deviceName }),
      // Said once the profile is known to qualify, before the first touch.
      ...(touch ? { beforeTouches: () => void ctx.stderr.write('touchrole: touch the YubiKey twice when it blinks (two codes for AWS)\n') } : {}),
    });
    return { text: `Registered the YubiKey as MFA device ${r.serialNumber} for IAM user ${r.userName}; mfa_serial set in profile "${name}"`, json: r };
  },
};
