// SPDX-License-Identifier: MIT
// What `profiles --json` shows of a setting: names always, values unless they are or may hold secrets.
import type { IniValue, OrderedJson } from '../../../src-shared/aws-ini';

export const REDACTED = '<redacted>';

// Never printed: shown as a placeholder so the presence of a key is still visible.
const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/**
 * A top-level value as read, except secrets. An indented sub-section (`s3 =` then
 * `  key = value` lines) is for services and plugins touchrole does not know, whose values
 * may be tokens or passwords: its key names stay, every value is redacted.
 */
export function redactSetting(key: string, value: IniValue): OrderedJson {
  if (typeof value !== 'string') return new Map([...value.keys()].map((k) => [k, REDACTED]));
  if (SECRET_KEYS.has(key)) return REDACTED;
  if (key === 'credential_process') return redactCommandLine(value);
  return value;
}

// A flag or variable whose name says secret, and its value: `--secret x`, `--token=x`, `PASSWORD=x`.
// Names ending in "id" (`--access-key-id`) name no secret and keep their value.
const SECRET_NAME = String.raw`(?:secret|token|passw(?:or)?d|passphrase|pwd|auth\w*|credential\w*|api[_-]?key|private[_-]?key|access[_-]?key(?![_-]?id))`;
const FLAG_WITH_VALUE = new RegExp(String.raw`((?:^|\s)-{1,2}[\w-]*${SECRET_NAME}[\w-]*)(=|\s+)("[^"]*"|'[^']*'|[^\s"']+)`, 'gi');
const ASSIGNMENT = new RegExp(String.raw`((?:^|\s)[A-Za-z_][\w]*${SECRET_NAME}\w*=)("[^"]*"|'[^']*'|[^\s"']+)`, 'gi');
// Runs a key, a token or a seed is made of: base64 mixing digits with both cases (paths and
// words do not), hex of 32 digits or more, base32 (TOTP seeds) with a digit.
const BASE64_RUN = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
const HEX_RUN = /\b[0-9a-fA-F]{32,}\b/g;
const BASE32_RUN = /\b[A-Z2-7]{16,}=*/g;
// An access key id is no secret (`profiles` shows aws_access_key_id); it looks like base32.
const KEY_ID = /^A(?:KIA|SIA)[A-Z2-7]{16}$/;

/**
 * A credential_process command line with what looks like a secret in it redacted: values of
 * secret-named flags and variables, and long random-looking runs (a secret access key given
 * next to its AKIA/ASIA key id, a token, a seed). The program and the other arguments stay.
 */
export function redactCommandLine(command: string): string {
  return command
    .replace(FLAG_WITH_VALUE, (_m, flag: string, sep: string, value: string) => `${flag}${sep}${value.startsWith('-') ? value : REDACTED}`)
    .replace(ASSIGNMENT, (_m, name: string) => `${name}${REDACTED}`)
    .replace(HEX_RUN, (run) => (/\d/.test(run) && /[a-f]/i.test(run) ? REDACTED : run))
    .replace(BASE32_RUN, (run) => (/\d/.test(run) && !KEY_ID.test(run) ? REDACTED : run))
    .replace(BASE64_RUN, (run) => (/\d/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run) ? REDACTED : run));
}
