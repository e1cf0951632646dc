// SPDX-License-Identifier: MIT
/**
 * OATH Toolkit's `oathtool` as the independent reference for codes: the virtual YubiKey,
 * touchrole and ykman are all checked against it for the same moment.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

const OATHTOOL = '/usr/bin/oathtool';

export type OathtoolAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export interface OathtoolTotpOptions {
  /** The key's bytes, or its base32 text as a user types it (oathtool decodes it: `-b`). */
  secret: Uint8Array | { base32: string };
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

/** `oathtool --totp=ALG --digits N --time-step-size Ps --now "<UTC>" <hex | --base32 text>` */
export function oathtoolTotp(options: OathtoolTotpOptions): Promise<string> {
  return runOathtool([
    `--totp=${options.algorithm ?? 'SHA1'}`,
    '--digits',
    String(options.digits ?? 6),
    '--time-step-size',
    `${options.period ?? 30}s`,
    '--now',
    utcForOathtool(options.atMs),
    ...secretArgs(options.secret),
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

/** Fails (never skips) when oathtool is missing: the test needs it as its reference. */
export function requireOathtool(): void {
  if (!existsSync(OATHTOOL)) throw new Error(`${OATHTOOL} is missing: install the Debian package oathtool to run these tests`);
}

/** A fresh random base32 seed (32 characters = 20 bytes, like a YubiKey OATH credential). */
export function randomSeedBase32(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; i < 32; i++) out += alphabet[Math.floor(Math.random() * 32)];
  return out;
}

function secretArgs(secret: Uint8Array | { base32: string }): string[] {
  return secret instanceof Uint8Array ? [hex(secret)] : ['--base32', secret.base32];
}

function hex(secret: Uint8Array): string {
  return Buffer.from(secret).toString('hex');
}

function runOathtool(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(OATHTOOL, args, { timeout: 10_000 }, (error, stdout, stderr) => {
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
