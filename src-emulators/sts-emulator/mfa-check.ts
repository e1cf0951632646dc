// SPDX-License-Identifier: MIT
// The SerialNumber + TokenCode pair of AssumeRole and GetSessionToken, checked as STS does.
import { invalidMfaCode, unknownMfaSerial, validationError } from './aws-errors';
import { optionalParam, patternParam, type ActionContext } from './action-context';
import { verifyTotp } from './totp-verifier';

/**
 * True when the request carries a valid, unused code for a device of the calling user (or, for
 * a role session, any known device); false when it carries no MFA at all. Throws AccessDenied
 * with AWS's texts for an unknown serial and for a wrong or reused code.
 */
export function presentedValidMfa(ctx: ActionContext): boolean {
  const serial = optionalParam(ctx, 'SerialNumber');
  const code = optionalParam(ctx, 'TokenCode');
  if (serial === undefined && code === undefined) return false;
  if (serial === undefined || code === undefined) {
    throw validationError('SerialNumber and TokenCode must be given together.');
  }
  patternParam(ctx, 'SerialNumber', serial, { min: 9, max: 256, pattern: /^[\w+=/:,.@-]+$/, patternText: '[\\w+=/:,.@-]*' });
  patternParam(ctx, 'TokenCode', code, { min: 6, max: 6, pattern: /^\d+$/, patternText: '[\\d]*' });
  const device = ctx.directory.mfaDevices.get(serial);
  const caller = ctx.principal;
  const ownedByCaller = device !== undefined && (caller.kind === 'role' || device.userName === undefined || device.userName === caller.user.userName);
  if (device === undefined || !ownedByCaller) throw unknownMfaSerial();
  if (verifyTotp(device, code, ctx.clock.now()) !== 'ok') throw invalidMfaCode();
  return true;
}
