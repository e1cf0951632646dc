// SPDX-License-Identifier: MIT
/** Credential ids as stored on the key: "[period/][issuer:]name" (period only for TOTP != 30 s). */
import { DEFAULT_PERIOD, type OathType } from './ykoath';

export interface CredentialIdParts {
  issuer: string | undefined;
  name: string;
  /** Seconds for TOTP; 0 for HOTP. */
  period: number;
}

const TOTP_ID_PATTERN = /^(?:(\d+)\/)?(?:([^:]+):)?(.+)$/;

export function formatCredentialId(type: OathType, parts: { issuer?: string | undefined; name: string; period?: number }): string {
  const period = parts.period ?? DEFAULT_PERIOD;
  let id = '';
  if (type === 'totp' && period !== DEFAULT_PERIOD) id += `${period}/`;
  if (parts.issuer) id += `${parts.issuer}:`;
  return id + parts.name;
}

/** Inverse of formatCredentialId, matching yubikit's _parse_cred_id. */
export function parseCredentialId(id: string, type: OathType): CredentialIdParts {
  if (type === 'totp') {
    const m = TOTP_ID_PATTERN.exec(id);
    if (!m) return { issuer: undefined, name: id, period: DEFAULT_PERIOD };
    return { issuer: m[2], name: m[3] ?? id, period: m[1] ? Number.parseInt(m[1], 10) : DEFAULT_PERIOD };
  }
  const colon = id.indexOf(':');
  return colon >= 0 ? { issuer: id.slice(0, colon), name: id.slice(colon + 1), period: 0 } : { issuer: undefined, name: id, period: 0 };
}
