// SPDX-License-Identifier: MIT
/** Finding the YubiKey OTP HID interface to talk to, optionally by serial. */
import { TouchroleError, isTouchroleError } from '../../../src-shared/errors';
import { USAGE_OTP, USAGE_PAGE_OTP, YUBICO_VID } from '../../../src-shared/otp-hid';
import type { HidBus, HidInterfaceInfo, OtpHidDevice } from '../transport/hid';
import type { OtpWaitOptions } from './otp-hid-protocol';
import { readOtpSerial } from './serial';

/**
 * ykman/hid: Yubico's vendor ID and the keyboard usage (page 1, usage 6). The interface number is
 * no substitute: with OTP disabled, interface 0 is the FIDO interface.
 */
export function isYubicoOtpInterface(info: HidInterfaceInfo): boolean {
  return info.vendorId === YUBICO_VID && info.usagePage === USAGE_PAGE_OTP && info.usage === USAGE_OTP;
}

export interface OpenOtpHidOptions {
  bus: HidBus;
  /** Pick the key with this serial; required when several keys are plugged in. */
  serial?: number;
  /** Timing for the serial reads (tests pass a fast sleep). */
  wait?: OtpWaitOptions;
}

const NOT_FOUND_HINT = 'Plug in your YubiKey. If it is plugged in, its OTP interface may be disabled: run `ykman config usb --enable OTP`.';

export async function openOtpHidDevice(options: OpenOtpHidOptions): Promise<OtpHidDevice> {
  const candidates = (await listInterfaces(options.bus)).filter(isYubicoOtpInterface);
  if (candidates.length === 0) {
    throw new TouchroleError('yubikey-not-found', 'No YubiKey OTP interface found over USB HID', { hint: NOT_FOUND_HINT });
  }
  const [only] = candidates;
  if (only !== undefined && candidates.length === 1 && options.serial === undefined) return open(options.bus, only);

  const seen: Array<number | undefined> = [];
  for (const info of candidates) {
    const device = await open(options.bus, info);
    let serial: number | undefined;
    try {
      serial = await readOtpSerial(device, options.wait);
    } catch (e) {
      await device.close();
      throw e;
    }
    if (options.serial !== undefined && serial === options.serial) return device;
    seen.push(serial);
    await device.close();
  }
  const listed = seen.map((s) => (s === undefined ? 'hidden serial' : String(s))).join(', ');
  if (options.serial !== undefined) {
    throw new TouchroleError('yubikey-not-found', `No YubiKey with serial ${options.serial} over USB HID (found: ${listed})`, {
      hint: NOT_FOUND_HINT,
    });
  }
  throw new TouchroleError('yubikey-ambiguous', `${candidates.length} YubiKeys found over USB HID (${listed})`, {
    hint: 'Choose one by serial, or unplug the others.',
  });
}

/** Whether any YubiKey interface (OTP or FIDO) is on the USB HID bus; a listing failure is a 'hid-error'. */
export async function yubikeyOnHidBus(bus: HidBus): Promise<boolean> {
  return (await listInterfaces(bus)).some((info) => info.vendorId === YUBICO_VID);
}

async function listInterfaces(bus: HidBus): Promise<HidInterfaceInfo[]> {
  try {
    return await bus.list();
  } catch (e) {
    if (isTouchroleError(e)) throw e;
    throw new TouchroleError('hid-error', `Could not list USB HID devices (${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200)})`, {
      hint: 'Check that the HID support library (hidapi) can run on this system.',
      cause: e,
    });
  }
}

async function open(bus: HidBus, info: HidInterfaceInfo): Promise<OtpHidDevice> {
  try {
    return await bus.open(info.path);
  } catch (e) {
    if (isTouchroleError(e)) throw e;
    throw new TouchroleError('hid-error', 'Could not open the YubiKey OTP interface', {
      hint:
        'On Linux, your user needs access to /dev/hidraw*: install the udev rules of the yubikey-personalization package. ' +
        'Elsewhere, close other programs that hold the key.',
      cause: e,
    });
  }
}
