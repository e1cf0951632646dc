// SPDX-License-Identifier: MIT
/**
 * A connection to one smart card. The OATH session sits on this one method; PC/SC is one
 * implementation, scripted byte exchanges in tests are another.
 */
export interface CardTransport {
  /** Send one command APDU, return the full response including the 2-byte status word. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}
