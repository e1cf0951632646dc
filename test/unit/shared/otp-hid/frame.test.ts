// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  CONFIG_SLOT_CHAL_HMAC_2,
  FRAME_SIZE,
  buildFrame,
  chalHmacCommand,
  frameToReports,
  padHmacChallenge,
  resetStateReport,
} from '../../../../src-shared/otp-hid';
import { counterBytes } from '../../../../src-shared/oath-codec/totp';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// Reports yubikit 4.0.9 (YubiOtpSession.calculate_hmac_sha1 over OtpProtocol) writes for
// `ykman otp calculate --totp 2 <timestamp>`, recorded with a fake OtpConnection.
const YUBIKIT_WRITES: Array<{ name: string; step: number; reports: string[] }> = [
  {
    name: 'T=1111111109 (RFC 6238 vector; step ends in 0xec: pad with 0x00, zero chunks skipped)',
    step: Math.floor(1111111109 / 30),
    reports: ['0000000002352380', 'ec00000000000081', '0038cf5d00000089'],
  },
  {
    name: 'step 0x02352300 (ends in 0x00: pad with 0x01)',
    step: 0x02352300,
    reports: [
      '0000000002352380',
      '0001010101010181',
      '0101010101010182',
      '0101010101010183',
      '0101010101010184',
      '0101010101010185',
      '0101010101010186',
      '0101010101010187',
      '0101010101010188',
      '0138fbf800000089',
    ],
  },
];

describe('otp-hid frames', () => {
  it.each(YUBIKIT_WRITES)('splits the HMAC challenge frame exactly as yubikit: $name', ({ step, reports }) => {
    const frame = buildFrame(CONFIG_SLOT_CHAL_HMAC_2, padHmacChallenge(counterBytes(step)));
    expect(frame.length).toBe(FRAME_SIZE);
    expect(frameToReports(frame).map(toHex)).toEqual(reports);
  });

  it('pads a challenge with a byte that differs from its last byte (HMAC_LT64)', () => {
    expect(toHex(padHmacChallenge(hex('0102')))).toBe('0102' + '00'.repeat(62));
    expect(toHex(padHmacChallenge(hex('0100')))).toBe('0100' + '01'.repeat(62));
    expect(padHmacChallenge(new Uint8Array(64).fill(7))).toEqual(new Uint8Array(64).fill(7));
    expect(() => padHmacChallenge(new Uint8Array(65))).toThrow(RangeError);
  });

  it('always sends the first and last report, even when all zero', () => {
    const reports = frameToReports(buildFrame(0x10)).map(toHex);
    // Empty payload: CRC of 64 zero bytes sits in the last chunk; nothing in between is sent.
    expect(reports).toHaveLength(2);
    expect(reports[0]).toBe('0000000000000080');
    expect(reports[1]?.endsWith('89')).toBe(true);
    expect(reports[1]?.slice(2, 4)).toBe('10');
  });

  it('rejects payloads over 64 bytes and frames of the wrong size', () => {
    expect(() => buildFrame(0x30, new Uint8Array(65))).toThrow(RangeError);
    expect(() => frameToReports(new Uint8Array(69))).toThrow(RangeError);
  });

  it('maps slots to the challenge-response commands and builds yubikit reset report', () => {
    expect(chalHmacCommand(1)).toBe(0x30);
    expect(chalHmacCommand(2)).toBe(0x38);
    expect(toHex(resetStateReport())).toBe('00000000000000ff');
  });
});
