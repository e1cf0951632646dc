// SPDX-License-Identifier: MIT
import { createTouchPrompter } from '../../core/prompt';
import type { CommandDef } from '../command';
import { serviceFor } from '../service-for';
import { selectorFrom, selectorOptions } from './yubikey-select';

export const command: CommandDef = {
  path: ['yubikey', 'code'],
  args: '<name>',
  summary: 'One code from the YubiKey (asks for a touch when the credential needs it)',
  help: ['<name>: the credential id, an AWS MFA device ARN, issuer:name, or a unique part of the name.'],
  examples: ['touchrole yubikey code arn:aws:iam::123456789012:mfa/alice', 'touchrole yubikey code alice --json'],
  options: selectorOptions,
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const prompter = createTouchPrompter({ env: ctx.env, platform: process.platform });
    const client = await serviceFor(ctx).oath();
    const r = await client.readCode(positionals[0] ?? '', {
      nowMs: ctx.clock.now(),
      device: selectorFrom(values),
      onTouch: (e) => void (e.phase === 'waiting' ? prompter.waiting({ credential: e.credential, purpose: 'a code' }) : e.phase === 'done' ? prompter.done() : prompter.timedOut()),
    });
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
