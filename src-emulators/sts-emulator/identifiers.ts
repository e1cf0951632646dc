// SPDX-License-Identifier: MIT
// Random identifiers shaped like AWS's: AKIA/ASIA key ids, AIDA/AROA unique ids, secrets, tokens.
import { randomBytes } from 'node:crypto';
import { base32Encode } from './base32';

const upperAlnum = (length: number): string => base32Encode(randomBytes(length)).slice(0, length);

/** A long-term (AKIA) or temporary (ASIA) access key id: 20 characters. */
export const newAccessKeyId = (prefix: 'AKIA' | 'ASIA'): string => prefix + upperAlnum(16);

/** A user (AIDA) or role (AROA) unique id: 21 characters. */
export const newUniqueId = (prefix: 'AIDA' | 'AROA'): string => prefix + upperAlnum(17);

/** 40 characters of base64, as IAM secrets are. */
export const newSecretAccessKey = (): string => randomBytes(30).toString('base64');

export const newSessionToken = (): string => `IQoJb3JpZ2luX2Vj${randomBytes(180).toString('base64')}`;

/** IAM virtual MFA seeds are 40 random bytes, handed out as 64 base32 characters. */
export const newMfaSeed = (): Uint8Array => new Uint8Array(randomBytes(40));

/** AWS timestamps in responses: ISO 8601 in UTC without milliseconds. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
