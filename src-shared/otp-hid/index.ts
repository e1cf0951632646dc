// SPDX-License-Identifier: MIT
/** The YubiKey OTP HID frame protocol as pure code: CRC, frames, reports, responses. */
export * from './constants';
export { CRC_OK_RESIDUAL, calculateCrc16, checkCrc16 } from './crc16';
export { buildFrame, frameToReports, padHmacChallenge, resetStateReport } from './frame';
export { ResponseAssembler, verifyResponse, type AssemblyStep } from './response';
export {
  classifyReport,
  formatVersion,
  isReadyToWrite,
  isSlotConfigured,
  parseStatus,
  progSeqAdvanced,
  versionAtLeast,
  type OtpReport,
  type OtpStatus,
} from './status';
