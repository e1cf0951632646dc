// SPDX-License-Identifier: MIT
/**
 * The key side of the YubiKey OTP HID protocol, behind the same `OtpHidDevice` port node-hid
 * implements: 8-byte feature reports carrying 70-byte frames, a status struct, HMAC-SHA1
 * challenge-response slots (HMAC_LT64, as `ykman otp chalresp` programs them) with an optional
 * touch requirement, the serial command, and the reset report.
 */
import { createHmac } from 'node:crypto';
import type { OtpHidDevice } from '../../src-main/core/otp';
import {
  CFGSTATE_SLOT1_VALID,
  CFGSTATE_SLOT2_VALID,
  CONFIG_SLOT_CHAL_HMAC_1,
  CONFIG_SLOT_CHAL_HMAC_2,
  CONFIG_SLOT_DEVICE_SERIAL,
  FEATURE_RPT_DATA_SIZE,
  FEATURE_RPT_SIZE,
  FRAME_REPORT_COUNT,
  FRAME_SIZE,
  RESET_STATE_FLAG,
  RESP_PENDING_FLAG,
  RESP_TIMEOUT_WAIT_FLAG,
  SEQUENCE_MASK,
  SLOT_DATA_SIZE,
  SLOT_WRITE_FLAG,
  calculateCrc16,
} from '../../src-shared/otp-hid';

export interface VirtualOtpSlot {
  /** The HMAC key (the TOTP secret), at most 20 bytes as ykman programs it. */
  key: Uint8Array;
  /** CHAL_BTN_TRIG: the key waits for a touch before answering. */
  requireTouch?: boolean;
  /** 'other': the slot holds a configuration that is not challenge-response (e.g. Yubico OTP). */
  kind?: 'hmac' | 'other';
}

export interface VirtualOtpHidOptions {
  version?: readonly [number, number, number];
  /** Undefined: the key keeps its serial hidden and rejects the serial command. */
  serial?: number;
  slot1?: VirtualOtpSlot;
  slot2?: VirtualOtpSlot;
  /** Reads during a touch wait before the key gives up (a real key gives up after ~15 s). */
  touchTimeoutReads?: number;
  /** The simulated user touches the key after this many reads of the touch wait. */
  touchAfterReads?: number;
  /** Reads after each write during which the key reports it is still busy (SLOT_WRITE_FLAG). */
  busyReadsAfterWrite?: number;
  /** Flip a bit in the HMAC response after its CRC was computed (a corrupted transfer). */
  corruptResponse?: boolean;
}

type State =
  | { kind: 'idle' }
  | { kind: 'touch-wait'; readsLeft: number; readsWaited: number; response: Uint8Array }
  | { kind: 'responding'; buffer: Uint8Array; next: number };

/** The HMAC_LT64 rule of the key: drop every trailing byte equal to the last one. */
function stripLt64Padding(padded: Uint8Array): Uint8Array {
  const last = padded[padded.length - 1];
  let end = padded.length;
  while (end > 0 && padded[end - 1] === last) end--;
  return padded.slice(0, end);
}

export class VirtualOtpHid implements OtpHidDevice {
  /** Slot commands of every complete, CRC-valid frame received, in order. */
  readonly commands: number[] = [];
  /** Every report the host wrote, as hex. */
  readonly written: string[] = [];
  closed = false;
  private plugged = true;
  private touched = false;
  private state: State = { kind: 'idle' };
  private frame = new Uint8Array(FRAME_SIZE);
  private busyReads = 0;
  private readonly progSeq = 3;

  constructor(private readonly options: VirtualOtpHidOptions = {}) {
    for (const slot of [options.slot1, options.slot2]) {
      if (slot !== undefined && slot.key.length > 20) throw new RangeError('ykman programs HMAC keys of at most 20 bytes');
    }
  }

  /** The user touches the key (counts for the current or next touch wait). */
  touch(): void {
    this.touched = true;
  }

  /** The key is pulled out: every call fails the way node-hid fails. */
  unplug(): void {
    this.plugged = false;
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    this.checkPlugged('could not send feature report to device');
    if (report.length !== FEATURE_RPT_SIZE) throw new Error(`feature report must be ${FEATURE_RPT_SIZE} bytes`);
    this.written.push(Buffer.from(report).toString('hex'));
    const flags = report[FEATURE_RPT_DATA_SIZE] ?? 0;
    if (flags === RESET_STATE_FLAG) {
      this.state = { kind: 'idle' };
      return;
    }
    if ((flags & SLOT_WRITE_FLAG) === 0) return;
    const seq = flags & SEQUENCE_MASK;
    if (seq >= FRAME_REPORT_COUNT) return;
    if (seq === 0) {
      // A new frame aborts whatever was going on; chunks the host skipped stay zero.
      this.frame = new Uint8Array(FRAME_SIZE);
      this.state = { kind: 'idle' };
    }
    this.frame.set(report.subarray(0, FEATURE_RPT_DATA_SIZE), seq * FEATURE_RPT_DATA_SIZE);
    this.busyReads = this.options.busyReadsAfterWrite ?? 0;
    if (seq === FRAME_REPORT_COUNT - 1) this.execute();
  }

  async getFeatureReport(): Promise<Uint8Array> {
    this.checkPlugged('could not get feature report from device');
    if (this.busyReads > 0) {
      this.busyReads--;
      return this.statusReport(SLOT_WRITE_FLAG);
    }
    const state = this.state;
    if (state.kind === 'touch-wait') {
      state.readsWaited++;
      if (this.options.touchAfterReads !== undefined && state.readsWaited >= this.options.touchAfterReads) this.touched = true;
      if (this.touched) {
        this.touched = false;
        this.state = { kind: 'responding', buffer: state.response, next: 0 };
        return this.getFeatureReport();
      }
      if (--state.readsLeft <= 0) {
        this.state = { kind: 'idle' };
        return this.statusReport(0);
      }
      return this.statusReport(RESP_TIMEOUT_WAIT_FLAG | Math.min(state.readsLeft, SEQUENCE_MASK));
    }
    if (state.kind === 'responding') {
      const count = state.buffer.length / FEATURE_RPT_DATA_SIZE;
      const seq = state.next;
      state.next = (state.next + 1) % (count + 1);
      const report = new Uint8Array(FEATURE_RPT_SIZE);
      // After the last chunk the sequence wraps to 0: the host reads that as "complete".
      if (seq < count) report.set(state.buffer.subarray(seq * FEATURE_RPT_DATA_SIZE, (seq + 1) * FEATURE_RPT_DATA_SIZE));
      report[FEATURE_RPT_DATA_SIZE] = RESP_PENDING_FLAG | (seq < count ? seq : 0);
      return report;
    }
    return this.statusReport(0);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private checkPlugged(message: string): void {
    if (!this.plugged) throw new Error(message);
  }

  private statusReport(flags: number): Uint8Array {
    const [major, minor, build] = this.options.version ?? [5, 4, 3];
    const touchLevel = (this.options.slot1 !== undefined ? CFGSTATE_SLOT1_VALID : 0) | (this.options.slot2 !== undefined ? CFGSTATE_SLOT2_VALID : 0);
    return Uint8Array.from([0, major, minor, build, this.progSeq, touchLevel & 0xff, touchLevel >> 8, flags]);
  }

  private execute(): void {
    const payload = this.frame.subarray(0, SLOT_DATA_SIZE);
    const command = this.frame[SLOT_DATA_SIZE] ?? 0;
    const crc = (this.frame[SLOT_DATA_SIZE + 1] ?? 0) | ((this.frame[SLOT_DATA_SIZE + 2] ?? 0) << 8);
    if (crc !== calculateCrc16(payload)) return; // A corrupted frame is dropped, as the key does.
    this.commands.push(command);
    if (command === CONFIG_SLOT_CHAL_HMAC_1 || command === CONFIG_SLOT_CHAL_HMAC_2) {
      const slot = command === CONFIG_SLOT_CHAL_HMAC_1 ? this.options.slot1 : this.options.slot2;
      if (slot === undefined || slot.kind === 'other') return; // No data: the host sees an unchanged status.
      const hmac = createHmac('sha1', slot.key).update(stripLt64Padding(payload)).digest();
      const response = this.withCrc(hmac);
      if (this.options.corruptResponse === true) response[0] = (response[0] ?? 0) ^ 0x01;
      this.state =
        slot.requireTouch === true
          ? { kind: 'touch-wait', readsLeft: this.options.touchTimeoutReads ?? 150, readsWaited: 0, response }
          : { kind: 'responding', buffer: response, next: 0 };
    } else if (command === CONFIG_SLOT_DEVICE_SERIAL && this.options.serial !== undefined) {
      const s = this.options.serial;
      this.state = { kind: 'responding', buffer: this.withCrc(Uint8Array.from([s >>> 24, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff])), next: 0 };
    }
  }

  /** Data, then the one's complement of its CRC little-endian, zero-padded to whole reports. */
  private withCrc(data: Uint8Array): Uint8Array {
    const crc = ~calculateCrc16(data) & 0xffff;
    const size = Math.ceil((data.length + 2) / FEATURE_RPT_DATA_SIZE) * FEATURE_RPT_DATA_SIZE;
    const out = new Uint8Array(size);
    out.set(data);
    out[data.length] = crc & 0xff;
    out[data.length + 1] = crc >> 8;
    return out;
  }
}
