// SPDX-License-Identifier: MIT
/**
 * What the virtual key stores per OATH credential, and how test options map onto it. As on a
 * real YubiKey, the period is not stored: it is only a "60/" prefix in the credential id.
 */

export type OathAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
export type OathType = 'TOTP' | 'HOTP';

/** A credential as a test describes it when starting the key. */
export interface VirtualCredentialOptions {
  name: string;
  issuer?: string;
  secret: Uint8Array;
  type?: OathType;
  algorithm?: OathAlgorithm;
  digits?: 6 | 7 | 8;
  /** TOTP period in seconds; anything but 30 becomes a "period/" prefix of the id. */
  period?: number;
  touch?: boolean;
  /** HOTP initial moving factor. */
  counter?: number;
}

/** A credential as stored in the applet; `id` is the exact name bytes, decoded as UTF-8. */
export interface StoredCredential {
  id: string;
  type: OathType;
  algorithm: OathAlgorithm;
  digits: number;
  secret: Uint8Array;
  touch: boolean;
  counter: number;
}

export const TYPE_CODES: Record<OathType, number> = { HOTP: 0x10, TOTP: 0x20 };
export const ALGORITHM_CODES: Record<OathAlgorithm, number> = { SHA1: 0x01, SHA256: 0x02, SHA512: 0x03 };

export function typeFromCode(byte: number): OathType | undefined {
  const code = byte & 0xf0;
  return code === 0x10 ? 'HOTP' : code === 0x20 ? 'TOTP' : undefined;
}

export function algorithmFromCode(byte: number): OathAlgorithm | undefined {
  const code = byte & 0x0f;
  return code === 1 ? 'SHA1' : code === 2 ? 'SHA256' : code === 3 ? 'SHA512' : undefined;
}

/** The credential id yubikit and Yubico Authenticator write: "[period/][issuer:]name". */
export function credentialId(options: VirtualCredentialOptions): string {
  const type = options.type ?? 'TOTP';
  const period = options.period ?? 30;
  const prefix = type === 'TOTP' && period !== 30 ? `${period}/` : '';
  const issuer = options.issuer === undefined ? '' : `${options.issuer}:`;
  return `${prefix}${issuer}${options.name}`;
}

/** The TOTP period encoded in an id ("60/name" -> 60), 30 when absent. */
export function periodOfId(id: string): number {
  const match = /^(\d+)\//.exec(id);
  return match?.[1] === undefined ? 30 : Number(match[1]);
}

export function toStoredCredential(options: VirtualCredentialOptions): StoredCredential {
  return {
    id: credentialId(options),
    type: options.type ?? 'TOTP',
    algorithm: options.algorithm ?? 'SHA1',
    digits: options.digits ?? 6,
    secret: Uint8Array.from(options.secret),
    touch: options.touch ?? false,
    counter: options.counter ?? 0,
  };
}
