// SPDX-License-Identifier: MIT
/** Building the 70-byte request frame and splitting it into feature reports (yubikit OtpProtocol). */
import { calculateCrc16 } from './crc16';
import {
  FEATURE_RPT_DATA_SIZE,
  FEATURE_RPT_SIZE,
  FRAME_REPORT_COUNT,
  FRAME_SIZE,
  HMAC_CHALLENGE_SIZE,
  RESET_STATE_FLAG,
  SLOT_DATA_SIZE,
  SLOT_WRITE_FLAG,
} from './constants';

/**
 * Pads an HMAC challenge to 64 bytes exactly as yubikit's `YubiOtpSession.calculate_hmac_sha1`:
 * `challenge.ljust(64, b"\1" if challenge.endswith(b"\0") else b"\0")`. Slots programmed by
 * `ykman otp chalresp` carry HMAC_LT64, so the key strips every trailing byte equal to the last
 * one and MACs what remains: the pad byte must differ from the challenge's last byte.
 */
export function padHmacChallenge(challenge: Uint8Array): Uint8Array {
  if (challenge.length > HMAC_CHALLENGE_SIZE) throw new RangeError('HMAC challenge longer than 64 bytes');
  const pad = challenge[challenge.length - 1] === 0 ? 1 : 0;
  const out = new Uint8Array(HMAC_CHALLENGE_SIZE).fill(pad);
  out.set(challenge);
  return out;
}

/** yubikit `_format_frame`: payload zero-padded to 64, slot, CRC16 of the payload (LE), 3 filler bytes. */
export function buildFrame(slot: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (data.length > SLOT_DATA_SIZE) throw new RangeError('Payload too large for HID frame');
  const frame = new Uint8Array(FRAME_SIZE);
  frame.set(data);
  const crc = calculateCrc16(frame.subarray(0, SLOT_DATA_SIZE));
  frame[SLOT_DATA_SIZE] = slot;
  frame[SLOT_DATA_SIZE + 1] = crc & 0xff;
  frame[SLOT_DATA_SIZE + 2] = crc >> 8;
  return frame;
}

/**
 * The feature reports that carry a frame: 7 data bytes plus `0x80 | seq`. All-zero chunks are
 * skipped except the first and last (yubikit `_should_send`): the key zero-fills what it did not get.
 */
export function frameToReports(frame: Uint8Array): Uint8Array[] {
  if (frame.length !== FRAME_SIZE) throw new RangeError(`frame must be ${FRAME_SIZE} bytes`);
  const reports: Uint8Array[] = [];
  for (let seq = 0; seq < FRAME_REPORT_COUNT; seq++) {
    const chunk = frame.subarray(seq * FEATURE_RPT_DATA_SIZE, (seq + 1) * FEATURE_RPT_DATA_SIZE);
    if (seq !== 0 && seq !== FRAME_REPORT_COUNT - 1 && chunk.every((b) => b === 0)) continue;
    const report = new Uint8Array(FEATURE_RPT_SIZE);
    report.set(chunk);
    report[FEATURE_RPT_DATA_SIZE] = SLOT_WRITE_FLAG | seq;
    reports.push(report);
  }
  return reports;
}

/** yubikit `_reset_state`: seven zero bytes and 0xff, written after reading a response. */
export function resetStateReport(): Uint8Array {
  const report = new Uint8Array(FEATURE_RPT_SIZE);
  report[FEATURE_RPT_DATA_SIZE] = RESET_STATE_FLAG;
  return report;
}
