// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { awsFilePaths } from '../../core/aws-config';
import { configFileEditor, oathMfaKey, registerMfaDevice } from '../../core/mfa-device';
import { createTouchPrompter } from '../../core/prompt';
import { MfaStepLedger } from '../../core/sessions';
import { createIamApi } from '../../core/sts';
import { flag, stringOption, type CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';
import { profileKeys, sourceProfile } from './keys-rotate';

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
    const service = serviceFor(ctx);
    const profile = await sourceProfile(service, name);
    if (profile.mfaSerial !== undefined) {
      throw new TouchroleError('profile-invalid', `Profile "${name}" already has mfa_serial ${profile.mfaSerial}`, {
        hint: `Run \`touchrole mfa unregister ${name}\` first to replace it.`,
      });
    }
    const credentials = await profileKeys(service, ctx, profile);
    const prompter = createTouchPrompter({ env: ctx.env, platform: process.platform });
    const touch = !flag(values, 'no-touch');
    if (touch) ctx.stderr.write('touchrole: touch the YubiKey twice when it blinks (two codes for AWS)\n');
    const deviceName = stringOption(values, 'device-name');
    const r = await registerMfaDevice(
      name,
      {
        iam: createIamApi({ env: ctx.env, clock: ctx.clock }),
        clock: ctx.clock,
        key: oathMfaKey(await service.oath(), {
          device: selectorFrom(values),
          clock: ctx.clock,
          onTouch: (e) =>
            void (e.phase === 'waiting'
              ? prompter.waiting({ credential: e.credential, purpose: `register ${name}` })
              : e.phase === 'done'
                ? prompter.done()
                : prompter.timedOut()),
        }),
        config: configFileEditor(awsFilePaths(ctx.env).configFile),
        markCodeUsed: (serial, step) => new MfaStepLedger({ stateDir: service.paths.state, clock: ctx.clock }).markUsed(serial, step),
        credentials,
        ...(profile.region === undefined ? {} : { region: profile.region }),
      },
      { touch, ...(deviceName === undefined ? {} : { deviceName }) },
    );
    return { text: `Registered the YubiKey as MFA device ${r.serialNumber} for IAM user ${r.userName}; mfa_serial set in profile "${name}"`, json: r };
  },
};
