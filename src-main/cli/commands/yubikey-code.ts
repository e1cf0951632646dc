// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { stringOption, type CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';

export const command: CommandDef = {
  path: ['yubikey', 'code'],
  args: '[name]',
  summary: 'One code from the YubiKey (asks for a touch when the credential needs it)',
  help: [
    '<name>: the credential id, an AWS MFA device ARN, issuer:name, or a unique part of the name.',
    '--slot 1|2: instead, a TOTP code from an OTP slot over USB HID (set up with `ykman otp chalresp --totp`),',
    '  for keys whose CCID interface is disabled.',
  ],
  examples: ['touchrole yubikey code arn:aws:iam::123456789012:mfa/alice', 'touchrole yubikey code alice --json', 'touchrole yubikey code --slot 2'],
  options: { ...selectorOptions, slot: { type: 'string' } },
  positionals: [0, 1],
  async run({ positionals, values }, ctx) {
    const slot = stringOption(values, 'slot');
    const name = positionals[0];
    if (slot !== undefined) {
      if (slot !== '1' && slot !== '2') throw new TouchroleError('usage', `--slot must be 1 or 2, not "${slot}"`);
      const { code } = await serviceFor(ctx).yubikey.slotCode(slot === '1' ? 1 : 2);
      return { text: code, json: { slot: Number(slot), code } };
    }
    if (name === undefined) throw new TouchroleError('usage', 'Name the credential, or pass --slot', { hint: 'see `touchrole yubikey list`' });
    const r = await serviceFor(ctx).yubikey.code(name, { device: selectorFrom(values) });
    return {
      text: r.code.value,
      json: {
        credential: r.credential.id,
        code: r.code.value,
        validFrom: new Date(r.code.validFromMs).toISOString(),
        validTo: r.code.validToMs === undefined ? null : new Date(r.code.validToMs).toISOString(),
        serial: r.key.serial ?? null,
        deviceId: r.key.deviceId,
      },
    };
  },
};
