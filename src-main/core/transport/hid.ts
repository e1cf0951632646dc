// SPDX-License-Identifier: MIT
/**
 * HID access through node-hid, the only importer of it. node-hid is loaded on first use, so
 * code paths that never touch HID (the credential_process cache hit) never load the binding.
 */
import type * as NodeHid from 'node-hid';

/** One 8-byte feature-report channel to a YubiKey's OTP interface (report ID 0). */
export interface OtpHidDevice {
  /** Write one 8-byte feature report. */
  sendFeatureReport(report: Uint8Array): Promise<void>;
  /** Read one 8-byte feature report. */
  getFeatureReport(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** What enumeration tells about one HID interface, before opening it. */
export interface HidInterfaceInfo {
  path: string;
  vendorId: number;
  productId: number;
  /** Undefined where the platform backend does not report usages (hidapi's libusb backend). */
  usagePage: number | undefined;
  usage: number | undefined;
  interfaceNumber: number;
  product: string | undefined;
}

/** The HID bus: list interfaces, open one as a feature-report channel. */
export interface HidBus {
  list(): Promise<HidInterfaceInfo[]>;
  open(path: string): Promise<OtpHidDevice>;
}

const REPORT_ID = 0;
const REPORT_SIZE = 8;

async function loadNodeHid(): Promise<typeof NodeHid> {
  return import('node-hid');
}

class NodeHidOtpDevice implements OtpHidDevice {
  constructor(private readonly dev: NodeHid.HIDAsync) {}

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    // The first byte is the report ID; the OTP interface does not number its reports.
    await this.dev.sendFeatureReport([REPORT_ID, ...report]);
  }

  async getFeatureReport(): Promise<Uint8Array> {
    const buf = await this.dev.getFeatureReport(REPORT_ID, REPORT_SIZE + 1);
    // hidapi returns the report ID first on every backend; tolerate a bare 8-byte report too.
    const bytes = Uint8Array.from(buf);
    return bytes.length === REPORT_SIZE + 1 ? bytes.subarray(1) : bytes;
  }

  async close(): Promise<void> {
    await this.dev.close();
  }
}

export const nodeHidBus: HidBus = {
  async list() {
    const hid = await loadNodeHid();
    const devices = await hid.devicesAsync();
    return devices.flatMap((d) =>
      d.path === undefined
        ? []
        : [
            {
              path: d.path,
              vendorId: d.vendorId,
              productId: d.productId,
              usagePage: d.usagePage,
              usage: d.usage,
              interfaceNumber: d.interface,
              product: d.product,
            },
          ],
    );
  },
  async open(path) {
    const hid = await loadNodeHid();
    // nonExclusive: on macOS the OTP interface is a keyboard the OS also holds.
    return new NodeHidOtpDevice(await hid.HIDAsync.open(path, { nonExclusive: true }));
  },
};
