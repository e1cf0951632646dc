// SPDX-License-Identifier: MIT
/** PC/SC failure text (as the smartcard binding reports pcsc-lite errors) -> TouchroleError. */
import { describe, expect, it } from 'vitest';
import { TouchroleError } from '../../../../src-shared/errors';
import { mapPcscError } from '../../../../src-main/core/transport/pcsc-errors';

describe('mapPcscError', () => {
  it.each([
    ['PC/SC service not running', 'pcsc-unavailable', 'pcscd'],
    ['PC/SC service stopped', 'pcsc-unavailable', 'pcscd'],
    ['Sharing violation', 'yubikey-busy', 'gpgconf --kill scdaemon'],
    ['Card was removed', 'yubikey-removed', 'insert'],
    ['No smart card present', 'yubikey-removed', 'insert'],
    ['Reader unavailable', 'yubikey-removed', 'insert'],
    ['Card is not connected', 'yubikey-removed', 'insert'],
    ['Invalid handle', 'pcsc-error', 're-insert'],
  ])('%s -> %s', (message, code, hint) => {
    const e = mapPcscError(new Error(message), 'Virtual PCD 00 00');
    expect(e).toBeInstanceOf(TouchroleError);
    expect(e.code).toBe(code);
    if (hint) expect(e.hint).toContain(hint);
  });

  it('names the usual culprits when the card is busy', () => {
    const e = mapPcscError(new Error('Sharing violation'), 'Yubico YubiKey OTP+FIDO+CCID 00 00');
    expect(e.message).toContain('Yubico YubiKey OTP+FIDO+CCID 00 00');
    expect(e.hint).toMatch(/scdaemon.*Yubico Authenticator.*PC\/SC client/);
  });

  it('passes TouchroleErrors through', () => {
    const original = new TouchroleError('touch-timeout', 'x');
    expect(mapPcscError(original, 'r')).toBe(original);
  });
});
