// SPDX-License-Identifier: MIT
/**
 * CRC-16 as the YubiKey OTP protocol uses it: ISO 13239 (reflected polynomial 0x8408, initial
 * value 0xffff, no final xor), yubikit's `calculate_crc`. Check value for "123456789": 0x6f91.
 */

/** A buffer followed by the one's complement of its CRC (little-endian) leaves this residual. */
export const CRC_OK_RESIDUAL = 0xf0b8;

export function calculateCrc16(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) {
      const lsb = crc & 1;
      crc >>= 1;
      if (lsb === 1) crc ^= 0x8408;
    }
  }
  return crc & 0xffff;
}

/** yubikit's `check_crc`: true when `data` ends in a valid complemented CRC of what precedes it. */
export function checkCrc16(data: Uint8Array): boolean {
  return calculateCrc16(data) === CRC_OK_RESIDUAL;
}
