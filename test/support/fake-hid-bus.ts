// SPDX-License-Identifier: MIT
/** A USB HID bus over virtual keys (test/support/virtual-otp-hid.ts), keyed by path: what node-hid's bus gives the core. */
import type { HidBus, HidInterfaceInfo, OtpHidDevice } from '../../src-main/core/otp';
import type { VirtualOtpHid } from './virtual-otp-hid';

/** One interface as enumeration reports it; by default a YubiKey's OTP (keyboard-usage) interface. */
export function hidInterface(path: string, over: Partial<HidInterfaceInfo> = {}): HidInterfaceInfo {
  return { path, vendorId: 0x1050, productId: 0x0407, usagePage: 1, usage: 6, interfaceNumber: 0, product: 'YubiKey OTP+FIDO+CCID', ...over };
}

export class FakeHidBus implements HidBus {
  readonly opened: string[] = [];
  constructor(
    private readonly interfaces: HidInterfaceInfo[],
    readonly devices: Record<string, VirtualOtpHid> = {},
    private readonly openError?: Error,
  ) {}
  async list(): Promise<HidInterfaceInfo[]> {
    return this.interfaces;
  }
  async open(path: string): Promise<OtpHidDevice> {
    if (this.openError) throw this.openError;
    const d = this.devices[path];
    if (!d) throw new Error(`no device at ${path}`);
    this.opened.push(path);
    return d;
  }
}
