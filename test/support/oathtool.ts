// SPDX-License-Identifier: MIT
/**
 * OATH Toolkit's `oathtool` as the independent reference for codes: the virtual YubiKey,
 * touchrole and ykman are all checked against it for the same moment.
 */
import { execFile } from 'node:child_process';

export type OathtoolAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OathtoolTotpOptions {
  secret: Uint8Array;
  /** The moment, in ms since the epoch; oathtool works in whole seconds. */
  atMs: number;
  algorithm?: OathtoolAlgorithm;
  digits?: number;
  /** Seconds; default 30. */
  period?: number;
}

export interface OathtoolHotpOptions {
  secret: Uint8Array;
  counter: number;
  digits?: number;
}

/** `oathtool --totp=ALG --digits N --time-step-size Ps --now "<UTC>" <hex>` */
export function oathtoolTotp(options: OathtoolTotpOptions): Promise<string> {
  return runOathtool([
    `--totp=${options.algorithm ?? 'SHA1'}`,
    '--digits',
    String(options.digits ?? 6),
    '--time-step-size',
    `${options.period ?? 30}s`,
    '--now',
    utcForOathtool(options.atMs),
    hex(options.secret),
  ]);
}

/** `oathtool --hotp --digits N --counter C <hex>` (oathtool's HOTP is HMAC-SHA1 only, as RFC 4226). */
export function oathtoolHotp(options: OathtoolHotpOptions): Promise<string> {
  return runOathtool(['--hotp', '--digits', String(options.digits ?? 6), '--counter', String(options.counter), hex(options.secret)]);
}

/** "2026-01-02 03:04:05 UTC", the form oathtool's --now parses unambiguously. */
export function utcForOathtool(atMs: number): string {
  return `${new Date(Math.floor(atMs / 1000) * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}

function hex(secret: Uint8Array): string {
  return Buffer.from(secret).toString('hex');
}

function runOathtool(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('oathtool', args, { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error !== null) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new Error(
            missing
              ? 'oathtool is not installed (Debian package "oathtool"); it is the reference for OATH codes'
              : `oathtool ${args.slice(0, -1).join(' ')} failed: ${stderr.trim() || error.message}`,
          ),
        );
        return;
      }
      const code = stdout.trim();
      if (!/^\d{6,10}$/.test(code)) {
        reject(new Error(`oathtool printed "${code}", not a code`));
        return;
      }
      resolve(code);
    });
  });
}
