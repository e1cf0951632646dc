// SPDX-License-Identifier: MIT
/** Reading the key's 8-byte feature reports: status struct, response chunks, wait states. */
import {
  CFGSTATE_SLOT1_VALID,
  CFGSTATE_SLOT2_VALID,
  CONFIG_STATUS_MASK,
  FEATURE_RPT_DATA_SIZE,
  FEATURE_RPT_SIZE,
  RESP_PENDING_FLAG,
  RESP_TIMEOUT_WAIT_FLAG,
  SEQUENCE_MASK,
  SLOT_WRITE_FLAG,
  STATUS_OFFSET_PROG_SEQ,
  STATUS_OFFSET_TOUCH_LOW,
  type OtpSlot,
} from './constants';

/** The status struct the key reports in bytes 1-6 of every idle feature report. */
export interface OtpStatus {
  version: readonly [number, number, number];
  /** Programming sequence: bumped by the key after each accepted configuration write. */
  progSeq: number;
  /** CFGSTATE bits: which slots hold a configuration. */
  touchLevel: number;
}

/** What one feature report read during a command means (yubikit `_read_frame`'s branches). */
export type OtpReport =
  | { kind: 'response'; seq: number; data: Uint8Array }
  | { kind: 'status'; status: OtpStatus }
  /** The key is busy; `touch` when it waits for the user to touch it (RESP_TIMEOUT_WAIT). */
  | { kind: 'waiting'; touch: boolean };

function checkSize(report: Uint8Array): void {
  if (report.length !== FEATURE_RPT_SIZE) {
    throw new RangeError(`feature report must be ${FEATURE_RPT_SIZE} bytes, got ${report.length}`);
  }
}

export function parseStatus(report: Uint8Array): OtpStatus {
  checkSize(report);
  const b = (i: number): number => report[i] ?? 0;
  return {
    version: [b(1), b(2), b(3)],
    progSeq: b(STATUS_OFFSET_PROG_SEQ),
    touchLevel: b(STATUS_OFFSET_TOUCH_LOW) | (b(STATUS_OFFSET_TOUCH_LOW + 1) << 8),
  };
}

export function classifyReport(report: Uint8Array): OtpReport {
  checkSize(report);
  const flags = report[FEATURE_RPT_DATA_SIZE] ?? 0;
  if ((flags & RESP_PENDING_FLAG) !== 0) {
    return { kind: 'response', seq: flags & SEQUENCE_MASK, data: report.slice(0, FEATURE_RPT_DATA_SIZE) };
  }
  if (flags === 0) return { kind: 'status', status: parseStatus(report) };
  return { kind: 'waiting', touch: (flags & RESP_TIMEOUT_WAIT_FLAG) !== 0 };
}

/** yubikit `_await_ready_to_write`: the key has consumed the last report we wrote. */
export function isReadyToWrite(report: Uint8Array): boolean {
  checkSize(report);
  return ((report[FEATURE_RPT_DATA_SIZE] ?? 0) & SLOT_WRITE_FLAG) === 0;
}

/** yubikit `ConfigState.is_configured` (firmware 2.1 and later report it). */
export function isSlotConfigured(status: OtpStatus, slot: OtpSlot): boolean {
  return (status.touchLevel & (slot === 1 ? CFGSTATE_SLOT1_VALID : CFGSTATE_SLOT2_VALID)) !== 0;
}

/**
 * yubikit's rule for a status report after a command: did the programming sequence advance
 * (a configuration write was accepted)? Data commands (challenge-response) never advance it,
 * so for them a status report means "no data": rejected, or the touch wait ran out.
 */
export function progSeqAdvanced(before: number, after: OtpStatus): boolean {
  return after.progSeq === before + 1 || (before > 0 && after.progSeq === 0 && (after.touchLevel & CONFIG_STATUS_MASK) === 0);
}

export function versionAtLeast(version: readonly [number, number, number], min: readonly [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

export function formatVersion(version: readonly [number, number, number]): string {
  return version.join('.');
}
