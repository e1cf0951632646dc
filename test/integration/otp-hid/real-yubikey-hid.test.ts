// SPDX-License-Identifier: MIT
/**
 * Opt-in: a real YubiKey over USB HID. Set TOUCHROLE_TEST_YUBIKEY_HID_SERIAL to the serial of a
 * key whose slot (TOUCHROLE_TEST_YUBIKEY_HID_SLOT, default 2) was programmed with
 * `ykman otp chalresp --totp <slot> <BASE32>` and TOUCHROLE_TEST_YUBIKEY_HID_SECRET_HEX to that
 * secret in hex. The test only reads codes; it never writes the key. Touch-required slots need a touch.
 */
import { describe, expect, it } from 'vitest';
import { nodeHidBus, openOtpHidDevice, readChallengeResponseTotp } from '../../../src-main/core/otp';
import { oathtoolTotp } from '../../support/oathtool';

const serial = process.env['TOUCHROLE_TEST_YUBIKEY_HID_SERIAL'];
const secretHex = process.env['TOUCHROLE_TEST_YUBIKEY_HID_SECRET_HEX'];
const slot = process.env['TOUCHROLE_TEST_YUBIKEY_HID_SLOT'] === '1' ? 1 : 2;

if (serial === undefined) {
  console.warn('SKIPPED real YubiKey HID test: set TOUCHROLE_TEST_YUBIKEY_HID_SERIAL (and _SECRET_HEX, _SLOT) to run it against a real key');
}

(serial === undefined ? describe.skip : describe)('real YubiKey OTP slot over HID (opt-in: TOUCHROLE_TEST_YUBIKEY_HID_SERIAL not set)', () => {
  it('reads the same code as oathtool', async () => {
    if (secretHex === undefined) throw new Error('set TOUCHROLE_TEST_YUBIKEY_HID_SECRET_HEX to the slot secret in hex');
    const device = await openOtpHidDevice({ bus: nodeHidBus, serial: Number(serial) });
    try {
      const nowMs = Date.now();
      const { code } = await readChallengeResponseTotp({
        device,
        slot,
        nowMs,
        onTouch: () => console.log('Touch the YubiKey now'),
      });
      const expected = await oathtoolTotp({ secret: Uint8Array.from(Buffer.from(secretHex, 'hex')), atMs: nowMs });
      expect(code).toBe(expected);
    } finally {
      await device.close();
    }
  });
});
