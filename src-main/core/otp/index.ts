// SPDX-License-Identifier: MIT
/** TOTP codes from YubiKey OTP slots (HMAC-SHA1 challenge-response) over USB HID. */
export { readChallengeResponseTotp, type ChallengeResponseTotp, type ChallengeResponseTotpRequest } from './challenge-response-totp';
export { isYubicoOtpInterface, openOtpHidDevice, yubikeyOnHidBus, type OpenOtpHidOptions } from './discovery';
export { readOtpSerial } from './serial';
export type { OtpWaitOptions } from './otp-hid-protocol';
export { nodeHidBus, type HidBus, type HidInterfaceInfo, type OtpHidDevice } from '../transport/hid';
export type { OtpSlot } from '../../../src-shared/otp-hid';
