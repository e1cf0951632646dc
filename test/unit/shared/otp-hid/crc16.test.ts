// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { CRC_OK_RESIDUAL, calculateCrc16, checkCrc16 } from '../../../../src-shared/otp-hid';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

describe('otp-hid CRC-16 (ISO 13239, yubikit calculate_crc)', () => {
  it('has the check value yubikit computes for "123456789"', () => {
    // /usr/bin/python3 -c 'from yubikit.core.otp import calculate_crc; print(hex(calculate_crc(b"123456789")))'
    expect(calculateCrc16(ascii('123456789'))).toBe(0x6f91);
  });

  it('is 0xffff for no data', () => {
    expect(calculateCrc16(new Uint8Array(0))).toBe(0xffff);
  });

  it('matches the CRC yubikit puts in the frame of a padded TOTP challenge', () => {
    const payload = new Uint8Array(64);
    payload.set(hex('00000000023523ec'));
    expect(calculateCrc16(payload)).toBe(0x5dcf);
  });

  it('accepts data followed by its complemented CRC (the residual) and rejects a flipped bit', () => {
    // A response read by yubikit from a YubiKey-shaped exchange: 20-byte HMAC + ~CRC little-endian.
    const response = hex('278c02e53610f84c40bd9135acd4101012410a14c18a');
    expect(calculateCrc16(response)).toBe(CRC_OK_RESIDUAL);
    expect(checkCrc16(response)).toBe(true);
    const bad = response.slice();
    bad[3] = (bad[3] ?? 0) ^ 0x10;
    expect(checkCrc16(bad)).toBe(false);
  });
});
