// SPDX-License-Identifier: MIT
/** YKOATH tags and instructions, named as in Yubico's YKOATH protocol description. */

export const TAG_NAME = 0x71;
export const TAG_NAME_LIST = 0x72;
export const TAG_KEY = 0x73;
export const TAG_CHALLENGE = 0x74;
export const TAG_RESPONSE = 0x75;
export const TAG_TRUNCATED = 0x76;
export const TAG_HOTP = 0x77;
export const TAG_PROPERTY = 0x78;
export const TAG_VERSION = 0x79;
export const TAG_IMF = 0x7a;
export const TAG_ALGORITHM = 0x7b;
export const TAG_TOUCH = 0x7c;

export const INS_PUT = 0x01;
export const INS_DELETE = 0x02;
export const INS_SET_CODE = 0x03;
export const INS_RESET = 0x04;
export const INS_RENAME = 0x05;
export const INS_LIST = 0xa1;
export const INS_CALCULATE = 0xa2;
export const INS_VALIDATE = 0xa3;
export const INS_CALCULATE_ALL = 0xa4;
export const INS_SEND_REMAINING = 0xa5;

export const PROP_REQUIRE_TOUCH = 0x02;
export const MAX_NAME_BYTES = 64;
