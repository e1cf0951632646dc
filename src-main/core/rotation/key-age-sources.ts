// SPDX-License-Identifier: MIT
// The source profiles whose key age touchrole reports, with their per-profile threshold.
import type { Clock } from '../../../src-shared/time/clock';
import type { AwsProfile } from '../aws-config';
import { profileWhere } from '../sessions';
import type { SourceKeyStore } from '../vault';
import type { KeyAgeSource } from './key-age';
import { credentialsFileKeyHome } from './key-home';

/** Per-profile override of settings.keyMaxAgeDays, in the config profile. */
export const KEY_MAX_AGE_KEY = 'touchrole_key_max_age_days';

export function maxAgeDaysFor(profile: AwsProfile, defaultDays: number): number {
  const v = profile.settings.get(KEY_MAX_AGE_KEY);
  return typeof v === 'string' && /^\d+$/.test(v.trim()) && Number(v) > 0 ? Number(v) : defaultDays;
}

export function keyAgeSources(
  profiles: ReadonlyMap<string, AwsProfile>,
  o: { store: SourceKeyStore; credentialsFile: string; clock: Clock; defaultMaxAgeDays: number },
): KeyAgeSource[] {
  const out: KeyAgeSource[] = [];
  for (const p of profiles.values()) {
    if (p.kind !== 'source' || p.keys === undefined) continue;
    // Temporary keys (touchrole's own [<profile>-touchrole] sessions among them) expire; they have no age to rotate.
    if (p.settings.has('aws_session_token') || p.settings.has('aws_security_token')) continue;
    const base = { profile: p.name, maxAgeDays: maxAgeDaysFor(p, o.defaultMaxAgeDays), ...profileWhere(p) };
    if (p.keys === 'keychain') out.push({ ...base, read: () => o.store.get(p.name) });
    else if (p.keys === 'credentials-file') {
      const home = credentialsFileKeyHome(o.credentialsFile, p.name, o.clock);
      out.push({ ...base, read: () => home.read() });
    } else {
      const id = p.settings.get('aws_access_key_id');
      const secret = p.settings.get('aws_secret_access_key');
      out.push({
        ...base,
        read: async () => (typeof id === 'string' && typeof secret === 'string' ? { accessKeyId: id, secretAccessKey: secret } : undefined),
      });
    }
  }
  return out;
}
