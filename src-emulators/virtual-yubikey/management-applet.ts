// SPDX-License-Identifier: MIT
/**
 * Just enough of the YubiKey management applet for ykman's device discovery and for reading
 * the serial: SELECT answers the firmware version as text, READ_CONFIG the device info TLVs
 * (see yubikit/management.py, DeviceInfo.parse).
 */
import { type CardResponse, type CommandApdu, ok, status, SW } from './apdu';
import type { Applet } from './applet';
import { encodeTlv } from './tlv';

export const MANAGEMENT_AID = Buffer.from('a000000527471117', 'hex');

const INS_READ_CONFIG = 0x1d;

const TAG_USB_SUPPORTED = 0x01;
const TAG_SERIAL = 0x02;
const TAG_USB_ENABLED = 0x03;
const TAG_FORM_FACTOR = 0x04;
const TAG_VERSION = 0x05;
const TAG_AUTO_EJECT_TIMEOUT = 0x06;
const TAG_CHALRESP_TIMEOUT = 0x07;
const TAG_DEVICE_FLAGS = 0x08;
const TAG_CONFIG_LOCK = 0x0a;
const TAG_NFC_SUPPORTED = 0x0d;
const TAG_NFC_ENABLED = 0x0e;

/** OTP | U2F | OPENPGP | PIV | OATH | FIDO2, as a YubiKey 5 NFC reports on USB and NFC. */
const CAPABILITIES = 0x023b;
const FORM_FACTOR_USB_A_KEYCHAIN = 0x01;

export class ManagementApplet implements Applet {
  readonly aid = MANAGEMENT_AID;

  constructor(
    private readonly serial: number,
    private readonly version: readonly [number, number, number],
  ) {}

  select(): CardResponse {
    return ok(Buffer.from(this.version.join('.'), 'ascii'));
  }

  deselect(): void {}

  async process(apdu: CommandApdu): Promise<CardResponse> {
    if (apdu.cla !== 0) return status(SW.CLA_NOT_SUPPORTED);
    if (apdu.ins !== INS_READ_CONFIG) return status(SW.INS_NOT_SUPPORTED);
    return ok(this.deviceInfo());
  }

  private deviceInfo(): Buffer {
    const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
    const serial = Buffer.alloc(4);
    serial.writeUInt32BE(this.serial);
    const body = Buffer.concat([
      encodeTlv(TAG_USB_SUPPORTED, u16(CAPABILITIES)),
      encodeTlv(TAG_SERIAL, serial),
      encodeTlv(TAG_USB_ENABLED, u16(CAPABILITIES)),
      encodeTlv(TAG_FORM_FACTOR, Buffer.from([FORM_FACTOR_USB_A_KEYCHAIN])),
      encodeTlv(TAG_VERSION, Buffer.from(this.version)),
      encodeTlv(TAG_AUTO_EJECT_TIMEOUT, u16(0)),
      encodeTlv(TAG_CHALRESP_TIMEOUT, Buffer.from([0])),
      encodeTlv(TAG_DEVICE_FLAGS, Buffer.from([0])),
      encodeTlv(TAG_CONFIG_LOCK, Buffer.from([0])),
      encodeTlv(TAG_NFC_SUPPORTED, u16(CAPABILITIES)),
      encodeTlv(TAG_NFC_ENABLED, u16(CAPABILITIES)),
    ]);
    return Buffer.concat([Buffer.from([body.length]), body]);
  }
}
