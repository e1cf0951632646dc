// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { awsFilePaths } from '../../core/aws-config';
import { configFileEditor, oathMfaKey, unregisterMfaDevice } from '../../core/mfa-device';
import { iamCallContext } from '../../core/rotation';
import { createIamApi, createStsApi } from '../../core/sts';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';
import { iamMfaFor, profileKeys, sourceProfile } from './keys-rotate';

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
    const service = serviceFor(ctx);
    const profile = await sourceProfile(service, name);
    const serial = profile.mfaSerial;
    if (serial === undefined) throw new TouchroleError('profile-invalid', `Profile "${name}" has no mfa_serial`, { hint: 'Nothing to unregister.' });
    const sts = createStsApi({ env: ctx.env, clock: ctx.clock });
    const region = profile.region === undefined ? {} : { region: profile.region };
    const session = await iamCallContext(await profileKeys(service, ctx, profile), {
      sts,
      clock: ctx.clock,
      ...region,
      ...(await iamMfaFor(service, ctx, profile, `unregister ${name}`)),
    });
    const r = await unregisterMfaDevice(name, serial, {
      iam: createIamApi({ env: ctx.env, clock: ctx.clock }),
      clock: ctx.clock,
      key: oathMfaKey(await service.oath(), { device: selectorFrom(values), clock: ctx.clock }),
      config: configFileEditor(awsFilePaths(ctx.env).configFile),
      credentials: session.credentials,
      ...region,
    });
    return {
      text: `Removed MFA device ${r.serialNumber}${r.removedFromKey ? ' from IAM and the YubiKey' : ' from IAM (the YubiKey had no credential for it)'}; mfa_serial removed from "${name}"`,
      json: r,
    };
  },
};
