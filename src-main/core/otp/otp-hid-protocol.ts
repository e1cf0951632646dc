// SPDX-License-Identifier: MIT
/**
 * The host side of the OTP HID protocol over an `OtpHidDevice`: yubikit's `OtpProtocol`
 * (send a frame as feature reports, poll, reassemble the response) for data commands.
 */
import {
  ResponseAssembler,
  buildFrame,
  classifyReport,
  frameToReports,
  isReadyToWrite,
  parseStatus,
  resetStateReport,
  verifyResponse,
  type OtpStatus,
} from '../../../src-shared/otp-hid';
import { systemClock, type Clock } from '../../../src-shared/time/clock';
import type { OtpHidDevice } from '../transport/hid';
import { OtpCommandRejected, cancelledError, hidIo, hidProtocolError, touchTimeoutError } from './hid-errors';

/** How a command waits on the key. */
export interface OtpWaitOptions {
  /** Called once, when the key first signals that it waits for a touch. */
  onTouch?: () => void;
  signal?: AbortSignal;
  /**
   * Stop waiting after this long. The key gives up on a touch by itself (about 15 s) and says
   * so; this bounds a key that never answers. Default 30 s.
   */
  timeoutMs?: number;
  clock?: Clock;
  /** Poll delay; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
// yubikit's poll intervals: 100 ms while the key waits for a touch, 20 ms while it computes.
const TOUCH_POLL_MS = 100;
const PROCESSING_POLL_MS = 20;
// yubikit `_await_ready_to_write`: up to 20 checks, 50 ms apart.
const WRITE_READY_TRIES = 20;
const WRITE_READY_POLL_MS = 50;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function readStatus(device: OtpHidDevice): Promise<OtpStatus> {
  return parseStatus(await receive(device));
}

/**
 * Sends `data` to the key's `command` slot and returns the first `expectedLength` bytes of its
 * CRC-checked answer. Throws OtpCommandRejected when the key answers with no data.
 */
export async function sendAndReceive(
  device: OtpHidDevice,
  command: number,
  data: Uint8Array,
  expectedLength: number,
  options: OtpWaitOptions = {},
): Promise<Uint8Array> {
  const sleep = options.sleep ?? realSleep;
  await sendFrame(device, buildFrame(command, data), sleep);
  const response = await readResponse(device, command, options, sleep);
  const verified = verifyResponse(response, expectedLength);
  if (verified === null) throw hidProtocolError('The YubiKey sent a corrupted response (CRC mismatch)');
  return verified;
}

async function receive(device: OtpHidDevice): Promise<Uint8Array> {
  const report = await hidIo('reading from it', () => device.getFeatureReport());
  if (report.length !== 8) throw hidProtocolError(`The YubiKey sent a ${report.length}-byte report instead of 8`);
  return report;
}

async function send(device: OtpHidDevice, report: Uint8Array): Promise<void> {
  await hidIo('writing to it', () => device.sendFeatureReport(report));
}

async function sendFrame(device: OtpHidDevice, frame: Uint8Array, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (const report of frameToReports(frame)) {
    await awaitReadyToWrite(device, sleep);
    await send(device, report);
  }
}

async function awaitReadyToWrite(device: OtpHidDevice, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < WRITE_READY_TRIES; i++) {
    if (isReadyToWrite(await receive(device))) return;
    await sleep(WRITE_READY_POLL_MS);
  }
  throw hidProtocolError('The YubiKey did not become ready to receive a command');
}

async function readResponse(device: OtpHidDevice, command: number, options: OtpWaitOptions, sleep: (ms: number) => Promise<void>): Promise<Uint8Array> {
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const assembler = new ResponseAssembler();
  let needsTouch = false;
  for (;;) {
    const report = await receive(device);
    const r = classifyReport(report);
    if (r.kind === 'response') {
      const step = assembler.push(report);
      if (step.kind === 'complete') {
        await send(device, resetStateReport());
        return step.data;
      }
      continue;
    }
    if (r.kind === 'status') {
      if (assembler.hasData) throw hidProtocolError('The YubiKey stopped in the middle of its response');
      // A status report with no data after a touch wait means the key timed out waiting.
      if (needsTouch) throw touchTimeoutError();
      throw new OtpCommandRejected(command);
    }
    if (r.touch && !needsTouch) {
      needsTouch = true;
      options.onTouch?.();
    }
    if (options.signal?.aborted === true) {
      await send(device, resetStateReport());
      throw cancelledError();
    }
    if (clock.now() >= deadline) {
      await send(device, resetStateReport());
      throw needsTouch ? touchTimeoutError() : hidProtocolError('The YubiKey did not answer in time');
    }
    await sleep(r.touch ? TOUCH_POLL_MS : PROCESSING_POLL_MS);
  }
}
