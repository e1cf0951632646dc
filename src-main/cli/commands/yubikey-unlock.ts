// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { describeKey } from '../../core/service';
import { readSecret } from '../../core/prompt';
import { flag, type CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';

export const command: CommandDef = {
  path: ['yubikey', 'unlock'],
  args: '',
  summary: 'Unlock a password-protected OATH applet once; the derived key is kept in the OS keychain',
  help: [
    'The password is typed without echo, or read from stdin with --password-stdin. Only the key derived',
    'from it (PBKDF2, as the YubiKey does) is stored, never the password. --forget removes the stored key.',
  ],
  examples: ['touchrole yubikey unlock', 'pass show yubikey | touchrole yubikey unlock --password-stdin', 'touchrole yubikey unlock --forget'],
  options: { 'password-stdin': { type: 'boolean' }, forget: { type: 'boolean' }, ...selectorOptions },
  positionals: [0, 0],
  async run({ values }, ctx) {
    const yubikey = serviceFor(ctx).yubikey;
    // Loaded first: without PC/SC nobody types a password for nothing.
    await yubikey.client();
    const device = selectorFrom(values);
    if (flag(values, 'forget')) {
      const r = await yubikey.forget({ device });
      return {
        text: r.removed ? `Forgot the stored OATH key of YubiKey ${describeKey(r.key)}` : `No OATH key was stored for YubiKey ${describeKey(r.key)}`,
        json: { deviceId: r.key.deviceId, serial: r.key.serial ?? null, removed: r.removed },
      };
    }
    // A password is read from a pipe only when asked to, so it never sits in one by accident.
    if (!flag(values, 'password-stdin') && ctx.stdin.isTTY !== true) {
      throw new TouchroleError('usage', 'No terminal to type the password at', { hint: 'pipe it with --password-stdin' });
    }
    const password = await readSecret({ stdin: ctx.stdin, output: ctx.stderr, prompt: 'YubiKey OATH password: ', what: 'password' });
    const r = await yubikey.unlock(password, { device });
    return {
      text: r.stored
        ? `Unlocked YubiKey ${describeKey(r.key)}; its key is stored in the keychain`
        : `YubiKey ${describeKey(r.key)} has no OATH password: nothing to unlock`,
      json: { deviceId: r.key.deviceId, serial: r.key.serial ?? null, stored: r.stored },
    };
  },
};
