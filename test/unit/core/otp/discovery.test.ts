// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { isYubicoOtpInterface, openOtpHidDevice, yubikeyOnHidBus, readOtpSerial, type HidBus } from '../../../../src-main/core/otp';
import { FakeHidBus, hidInterface } from '../../../support/fake-hid-bus';
import { VirtualOtpHid } from '../../../support/virtual-otp-hid';
import { errorOf } from '../../../support/error-of';

const noSleep = async (): Promise<void> => {};
const wait = { sleep: noSleep };
const KEY = new Uint8Array(20).fill(1);

describe('YubiKey OTP HID discovery', () => {
  it('keeps only Yubico keyboard-usage interfaces (ykman USAGE_OTP = page 1, usage 6)', () => {
    expect(isYubicoOtpInterface(hidInterface('a'))).toBe(true);
    expect(isYubicoOtpInterface(hidInterface('fido', { usagePage: 0xf1d0, usage: 1 }))).toBe(false);
    expect(isYubicoOtpInterface(hidInterface('other-vendor', { vendorId: 0x046d }))).toBe(false);
    // No usage reported: not guessed from the interface number (interface 0 is FIDO when OTP is off).
    expect(isYubicoOtpInterface(hidInterface('unknown', { usagePage: undefined, usage: undefined }))).toBe(false);
  });

  it('sees a YubiKey on the HID bus by its OTP or FIDO interface, not by other vendors', async () => {
    expect(await yubikeyOnHidBus(new FakeHidBus([hidInterface('fido', { usagePage: 0xf1d0, usage: 1 })]))).toBe(true);
    expect(await yubikeyOnHidBus(new FakeHidBus([hidInterface('otp')]))).toBe(true);
    expect(await yubikeyOnHidBus(new FakeHidBus([hidInterface('mouse', { vendorId: 0x046d })]))).toBe(false);
    const broken: HidBus = { list: () => Promise.reject(new Error('no hidapi')), open: () => Promise.reject(new Error('x')) };
    // A failed enumeration is not "no YubiKey": it is reported, with the reason.
    await expect(yubikeyOnHidBus(broken)).rejects.toMatchObject({ code: 'hid-error', message: expect.stringContaining('no hidapi') });
  });

  it('opens the one OTP interface without reading its serial', async () => {
    const key = new VirtualOtpHid({ slot2: { key: KEY } });
    const bus = new FakeHidBus([hidInterface('fido', { usagePage: 0xf1d0, usage: 1 }), hidInterface('otp')], { otp: key });
    expect(await openOtpHidDevice({ bus, wait })).toBe(key);
    expect(key.commands).toEqual([]);
  });

  it('says the OTP interface may be disabled when no key shows one', async () => {
    const bus = new FakeHidBus([hidInterface('fido', { usagePage: 0xf1d0, usage: 1 })]);
    const e = await errorOf(openOtpHidDevice({ bus, wait }));
    expect(e.code).toBe('yubikey-not-found');
    expect(e.hint).toContain('ykman config usb --enable OTP');
  });

  it('picks a key by serial and closes the others', async () => {
    const a = new VirtualOtpHid({ serial: 1111111 });
    const b = new VirtualOtpHid({ serial: 2222222 });
    const bus = new FakeHidBus([hidInterface('a'), hidInterface('b')], { a, b });
    expect(await openOtpHidDevice({ bus, serial: 2222222, wait })).toBe(b);
    expect(a.closed).toBe(true);
    expect(b.closed).toBe(false);
  });

  it('lists the serials when several keys are plugged in and none was chosen', async () => {
    const bus = new FakeHidBus([hidInterface('a'), hidInterface('b')], { a: new VirtualOtpHid({ serial: 1111111 }), b: new VirtualOtpHid({}) });
    const e = await errorOf(openOtpHidDevice({ bus, wait }));
    expect(e.code).toBe('yubikey-ambiguous');
    expect(e.message).toBe('2 YubiKeys found over USB HID (1111111, hidden serial)');
    expect(bus.devices['a']?.closed && bus.devices['b']?.closed).toBe(true);
  });

  it('reports a serial that is not plugged in', async () => {
    const bus = new FakeHidBus([hidInterface('a')], { a: new VirtualOtpHid({ serial: 1111111 }) });
    const e = await errorOf(openOtpHidDevice({ bus, serial: 42, wait }));
    expect(e.code).toBe('yubikey-not-found');
    expect(e.message).toContain('serial 42');
  });

  it('explains an interface it cannot open (permissions on Linux)', async () => {
    const bus = new FakeHidBus([hidInterface('a')], {}, new Error('cannot open device with path /dev/hidraw3'));
    const e = await errorOf(openOtpHidDevice({ bus, wait }));
    expect(e.code).toBe('hid-error');
    expect(e.hint).toMatch(/hidraw.*udev/);
  });

  it('reads the serial big-endian, or undefined when the key hides it', async () => {
    expect(await readOtpSerial(new VirtualOtpHid({ serial: 0x01020304 }), wait)).toBe(0x01020304);
    expect(await readOtpSerial(new VirtualOtpHid({ serial: 4294967295 }), wait)).toBe(4294967295);
    expect(await readOtpSerial(new VirtualOtpHid({}), wait)).toBeUndefined();
  });
});
