// SPDX-License-Identifier: MIT
/** The serial, from the management applet's GET DEVICE INFO (yubikit/management.py). */
import { encodeReadDeviceInfo, encodeSelect, MANAGEMENT_AID, parseDeviceInfoSerial, TlvError } from '../../../src-shared/oath-codec';
import { ApduError, type ApduChannel } from './apdu-channel';

/**
 * Undefined when the applet is missing or refuses (older keys, NFC readers that hide it,
 * other vendors' OATH cards): a serial is a convenience for choosing, never required.
 */
export async function readSerial(channel: ApduChannel): Promise<number | undefined> {
  try {
    await channel.send(encodeSelect(MANAGEMENT_AID));
    return parseDeviceInfoSerial(await channel.send(encodeReadDeviceInfo()));
  } catch (e) {
    if (e instanceof ApduError || e instanceof TlvError) return undefined;
    throw e;
  }
}
