// SPDX-License-Identifier: MIT
// Guards against quadratic work on big AWS files. The bounds are generous (a slow shared CI
// machine must pass); the quadratic versions took ~6 s and ~20 s (1.35 GB of memory).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAwsProfiles, resolveRoleChain } from '../../../../src-main/core/aws-config';
import { managedSections, removeExpiredManagedSections, upsertManagedSection } from '../../../../src-shared/aws-ini';

const root = mkdtempSync(join(tmpdir(), 'touchrole-large-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** profile-0 has keys; profile-i has source_profile profile-(i-1). */
export function chainedConfig(n: number): { config: string; credentials: string } {
  const config = ['[profile profile-0]\nregion = eu-west-1\n'];
  for (let i = 1; i < n; i++) config.push(`[profile profile-${i}]\nrole_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = profile-${i - 1}\n`);
  return { config: config.join('\n'), credentials: '[profile-0]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n' };
}

/** About 8 MB: `n` expired touchrole sections between user sections. */
export function bigCredentials(n: number, expiresAt: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`[user-${i}]\naws_access_key_id = AKIA${i}\naws_secret_access_key = ${'s'.repeat(40)}\n\n`);
    const session = { accessKeyId: `ASIA${i}`, secretAccessKey: 'x'.repeat(40), sessionToken: 'T'.repeat(3800), expiresAt };
    parts.push(upsertManagedSection('', `s${i}-touchrole`, session), '\n');
  }
  return parts.join('');
}

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
};

describe('big AWS files stay fast (no quadratic work)', () => {
  it('loads 2,000 chained profiles and resolves the longest chain in well under 3 s', async () => {
    const files = chainedConfig(2000);
    writeFileSync(join(root, 'config'), files.config);
    writeFileSync(join(root, 'credentials'), files.credentials);
    const env = { AWS_CONFIG_FILE: join(root, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'credentials') };
    const start = performance.now();
    const set = await loadAwsProfiles(env);
    const chain = resolveRoleChain(set.profiles, 'profile-1999');
    const ms = performance.now() - start;
    expect(chain.source?.name).toBe('profile-0');
    expect(chain.roles).toHaveLength(1999);
    expect([...set.profiles.values()].filter((p) => p.problem !== undefined)).toEqual([]);
    expect(ms).toBeLessThan(3000);
  });

  it('removes 2,000 expired sections from an 8 MB credentials file in well under 3 s', () => {
    const text = bigCredentials(2000, 1000);
    expect(text.length).toBeGreaterThan(7_500_000);
    const { value, ms } = timed(() => removeExpiredManagedSections(text, 2000));
    expect(value.removed).toHaveLength(2000);
    expect(managedSections(value.text)).toEqual([]);
    expect(value.text).toContain('[user-1999]');
    expect(ms).toBeLessThan(3000);
  });
});
