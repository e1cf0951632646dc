// SPDX-License-Identifier: MIT
/**
 * Constants of the YubiKey OTP HID protocol, named as yubikit names them
 * (yubikit/core/otp.py, yubikit/yubiotp.py, ykman/hid/base.py).
 */

export const YUBICO_VID = 0x1050;
/** The OTP interface is a HID keyboard: usage page 1 (Generic Desktop), usage 6 (Keyboard). */
export const USAGE_PAGE_OTP = 0x01;
export const USAGE_OTP = 0x06;

export const FEATURE_RPT_SIZE = 8;
export const FEATURE_RPT_DATA_SIZE = FEATURE_RPT_SIZE - 1;
export const SLOT_DATA_SIZE = 64;
/** 64 payload + slot + CRC16 + 3 filler bytes: exactly ten 7-byte reports. */
export const FRAME_SIZE = SLOT_DATA_SIZE + 6;
export const FRAME_REPORT_COUNT = FRAME_SIZE / FEATURE_RPT_DATA_SIZE;

// Flags in the last byte of a feature report.
export const RESP_PENDING_FLAG = 0x40;
export const SLOT_WRITE_FLAG = 0x80;
export const RESP_TIMEOUT_WAIT_FLAG = 0x20;
export const DUMMY_REPORT_WRITE = 0x8f;
export const SEQUENCE_MASK = 0x1f;
/** The last byte of the report yubikit writes to reset the key's read state (`_reset_state`). */
export const RESET_STATE_FLAG = 0xff;

// Offsets into a status report (byte 0 is unused, bytes 1-3 are the firmware version).
export const STATUS_OFFSET_PROG_SEQ = 0x4;
export const STATUS_OFFSET_TOUCH_LOW = 0x5;
export const CONFIG_STATUS_MASK = 0x1f;

/** Bits of the status `touchLevel` word (yubikit CFGSTATE). */
export const CFGSTATE_SLOT1_VALID = 0x01;
export const CFGSTATE_SLOT2_VALID = 0x02;

/** Slot commands (yubikit CONFIG_SLOT) this code sends. */
export const CONFIG_SLOT_DEVICE_SERIAL = 0x10;
export const CONFIG_SLOT_CHAL_HMAC_1 = 0x30;
export const CONFIG_SLOT_CHAL_HMAC_2 = 0x38;

export const HMAC_CHALLENGE_SIZE = 64;
export const HMAC_RESPONSE_SIZE = 20;
export const SERIAL_RESPONSE_SIZE = 4;

export type OtpSlot = 1 | 2;

export function chalHmacCommand(slot: OtpSlot): number {
  return slot === 1 ? CONFIG_SLOT_CHAL_HMAC_1 : CONFIG_SLOT_CHAL_HMAC_2;
}
