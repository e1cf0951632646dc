// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { readChallengeResponseTotp, type OtpSlot } from '../../../../src-main/core/otp';
import { ManualClock } from '../../../../src-shared/time/clock';
import { oathtoolTotp } from '../../../support/oathtool';
import { errorOf } from '../../../support/error-of';
import { VirtualOtpHid } from '../../../support/virtual-otp-hid';

const noSleep = async (): Promise<void> => {};
const SECRET_HEX = '3132333435363738393031323334353637383930'; // RFC 6238 SHA1 seed
const SECRET = Uint8Array.from(Buffer.from(SECRET_HEX, 'hex'));

// Times that hit both pad rules (a step ending in 0x00 pads with 0x01), RFC vectors, 2038+.
const TIMES = [59, 1111111109, 1234567890, 2000000000, 20000000000, 0x02352300 * 30, 1700000000];

describe('readChallengeResponseTotp against the virtual OTP HID key', () => {
  it.each(TIMES.flatMap((t) => [6, 8].map((digits) => ({ t, digits: digits as 6 | 8 }))))(
    'equals oathtool --totp at $t s with $digits digits',
    async ({ t, digits }) => {
      const device = new VirtualOtpHid({ slot2: { key: SECRET } });
      const result = await readChallengeResponseTotp({ device, slot: 2, nowMs: t * 1000 + 500, digits, sleep: noSleep });
      expect(result.code).toBe(await oathtoolTotp({ secret: SECRET, atMs: t * 1000, digits }));
      expect(result.timeStep).toBe(Math.floor(t / 30));
      expect(result.validUntilMs).toBe((Math.floor(t / 30) + 1) * 30_000);
    },
  );

  const slots: Array<{ slot: OtpSlot; period: number; secret: string }> = [
    { slot: 1, period: 60, secret: 'a0b1c2d3e4f5061728394a5b6c7d8e9f00112233' },
    { slot: 2, period: 30, secret: '00ff' },
    { slot: 1, period: 15, secret: 'deadbeefcafebabe0102030405' },
  ];
  it.each(slots)('slot $slot, period $period, secret of $secret.length hex digits equals oathtool', async ({ slot, period, secret }) => {
    const key = Uint8Array.from(Buffer.from(secret, 'hex'));
    const device = new VirtualOtpHid(slot === 1 ? { slot1: { key } } : { slot2: { key } });
    for (const t of [1111111109, 1500000007]) {
      const { code } = await readChallengeResponseTotp({ device, slot, nowMs: t * 1000, period, sleep: noSleep });
      expect(code).toBe(await oathtoolTotp({ secret: key, atMs: t * 1000, period }));
    }
    expect(device.commands).toEqual(Array(2).fill(slot === 1 ? 0x30 : 0x38));
  });

  it('writes exactly the reports yubikit writes, then resets the read state', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET } });
    await readChallengeResponseTotp({ device, slot: 2, nowMs: 1111111109_000, digits: 8, sleep: noSleep });
    expect(device.written).toEqual(['0000000002352380', 'ec00000000000081', '0038cf5d00000089', '00000000000000ff']);
  });

  it('waits while the key is busy after each write', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET }, busyReadsAfterWrite: 3 });
    const { code } = await readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, digits: 8, sleep: noSleep });
    expect(code).toBe('94287082');
  });

  it('prompts once for a touch, then returns the code when touched', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET, requireTouch: true }, touchAfterReads: 5 });
    let prompts = 0;
    const { code } = await readChallengeResponseTotp({
      device,
      slot: 2,
      nowMs: 59_000,
      digits: 8,
      onTouch: () => prompts++,
      sleep: noSleep,
    });
    expect(code).toBe('94287082');
    expect(prompts).toBe(1);
  });

  it('does not prompt when the slot needs no touch', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET } });
    let prompts = 0;
    await readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, onTouch: () => prompts++, sleep: noSleep });
    expect(prompts).toBe(0);
  });

  it('reports touch-timeout when the key gives up waiting for a touch', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET, requireTouch: true }, touchTimeoutReads: 4 });
    let prompts = 0;
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, onTouch: () => prompts++, sleep: noSleep }));
    expect(e.code).toBe('touch-timeout');
    expect(e.hint).toMatch(/Touch the YubiKey/);
    expect(prompts).toBe(1);
  });

  it('gives up after timeoutMs on its own clock and resets the key', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET, requireTouch: true }, touchTimeoutReads: 1_000_000 });
    const clock = new ManualClock(0);
    const sleep = async (ms: number): Promise<void> => clock.advance(ms);
    expect(await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, clock, sleep, timeoutMs: 2_000 }))).toMatchObject({
      code: 'touch-timeout',
    });
    expect(clock.now()).toBeGreaterThanOrEqual(2_000);
    expect(clock.now()).toBeLessThan(2_200);
    expect(device.written.at(-1)).toBe('00000000000000ff');
  });

  it('stops with cancelled when the signal aborts during the touch wait', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET, requireTouch: true } });
    const controller = new AbortController();
    const run = readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, signal: controller.signal, onTouch: () => controller.abort(), sleep: noSleep });
    expect(await errorOf(run)).toMatchObject({ code: 'cancelled' });
    expect(device.written.at(-1)).toBe('00000000000000ff');
  });

  it('says how to program an empty slot', async () => {
    const device = new VirtualOtpHid({ slot1: { key: SECRET } });
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, sleep: noSleep }));
    expect(e.code).toBe('otp-slot-not-programmed');
    expect(e.message).toBe('YubiKey OTP slot 2 is empty');
    expect(e.hint).toContain('ykman otp chalresp --totp 2');
    expect(device.commands).toEqual([]);
  });

  it('says so when the slot holds something other than challenge-response', async () => {
    const device = new VirtualOtpHid({ slot1: { key: SECRET, kind: 'other' } });
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 1, nowMs: 59_000, sleep: noSleep }));
    expect(e.code).toBe('otp-slot-not-programmed');
    expect(e.message).toMatch(/not programmed for HMAC-SHA1 challenge-response/);
    expect(device.commands).toEqual([0x30]);
  });

  it('refuses firmware older than 2.2 (no HMAC-SHA1 challenge-response)', async () => {
    const device = new VirtualOtpHid({ version: [2, 1, 9], slot2: { key: SECRET } });
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, sleep: noSleep }));
    expect(e.code).toBe('hid-error');
    expect(e.message).toContain('2.1.9');
  });

  it('rejects a response whose CRC does not check', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET }, corruptResponse: true });
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, sleep: noSleep }));
    expect(e.code).toBe('hid-error');
    expect(e.message).toMatch(/CRC/);
  });

  it('turns a pulled-out key into an actionable hid-error', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET } });
    device.unplug();
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, sleep: noSleep }));
    expect(e.code).toBe('hid-error');
    expect(e.hint).toMatch(/plugged in/);
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('never puts the code or the key in an error message', async () => {
    const device = new VirtualOtpHid({ slot2: { key: SECRET }, corruptResponse: true });
    const e = await errorOf(readChallengeResponseTotp({ device, slot: 2, nowMs: 59_000, sleep: noSleep }));
    expect(e.code).toBe('hid-error');
    expect(`${e.message} ${e.hint ?? ''}`).not.toMatch(/[0-9a-f]{12,}/i);
  });
});
