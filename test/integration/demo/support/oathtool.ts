// SPDX-License-Identifier: MIT
// MFA codes from the real oathtool, so the emulator's TOTP check is tested against another implementation.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const OATHTOOL = '/usr/bin/oathtool';

/** Fails (never skips) when oathtool is missing: the test needs it. */
export function requireOathtool(): void {
  if (!existsSync(OATHTOOL)) throw new Error(`${OATHTOOL} is missing: install the Debian package oathtool to run these tests`);
}

/** The 6-digit TOTP code oathtool computes for a base32 seed at `atMs` (default now). */
export function oathtoolCode(seedBase32: string, atMs: number = Date.now()): string {
  const at = `@${Math.floor(atMs / 1000)}`;
  return execFileSync(OATHTOOL, ['--totp', '-b', seedBase32, '-N', at], { encoding: 'utf8' }).trim();
}

/** A fresh random base32 seed (32 characters = 20 bytes, like a YubiKey OATH credential). */
export function randomSeedBase32(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; i < 32; i++) out += alphabet[Math.floor(Math.random() * 32)];
  return out;
}
