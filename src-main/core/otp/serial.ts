// SPDX-License-Identifier: MIT
/** The YubiKey's serial number over the OTP interface (yubikit `YubiOtpSession.get_serial`). */
import { CONFIG_SLOT_DEVICE_SERIAL, SERIAL_RESPONSE_SIZE } from '../../../src-shared/otp-hid';
import type { OtpHidDevice } from '../transport/hid';
import { OtpCommandRejected } from './hid-errors';
import { sendAndReceive, type OtpWaitOptions } from './otp-hid-protocol';

/** The serial, or undefined when the key keeps it hidden (serial API visibility off). */
export async function readOtpSerial(device: OtpHidDevice, options: OtpWaitOptions = {}): Promise<number | undefined> {
  try {
    const b = await sendAndReceive(device, CONFIG_SLOT_DEVICE_SERIAL, new Uint8Array(0), SERIAL_RESPONSE_SIZE, options);
    // Big-endian, as yubikit's bytes2int reads it.
    return b.reduce((n, byte) => n * 256 + byte, 0);
  } catch (e) {
    if (e instanceof OtpCommandRejected) return undefined;
    throw e;
  }
}
