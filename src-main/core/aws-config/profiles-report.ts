// SPDX-License-Identifier: MIT
import type { OrderedJson } from '../../../src-shared/aws-ini';
import type { AwsProfileSet } from './load-aws-profiles';
import { redactSetting } from './redact-setting';
import { resolveRoleChain } from './role-chain';

/**
 * `touchrole profiles --json`: `profiles` is exactly botocore's merged profile map (the
 * conformance corpus's shape: settings as strings, sub-sections as objects); `touchrole`
 * holds what touchrole derives per profile. Secrets are left out of both (redact-setting.ts).
 */
export function profilesReport(set: AwsProfileSet): OrderedJson {
  const profiles = new Map<string, OrderedJson>();
  const derived = new Map<string, OrderedJson>();
  for (const [name, p] of set.profiles) {
    const settings = new Map<string, OrderedJson>();
    for (const [key, value] of p.settings) settings.set(key, redactSetting(key, value));
    profiles.set(name, settings);
    const chain = p.kind === 'role' && p.problem === undefined ? resolveRoleChain(set.profiles, name) : undefined;
    const expires = set.sessions.get(name);
    derived.set(name, {
      kind: p.kind,
      keys: p.keys ?? null,
      roleArn: p.roleArn ?? null,
      mfaSerial: p.mfaSerial ?? null,
      oathCredential: p.oathCredential ?? null,
      durationSeconds: p.durationSeconds ?? null,
      region: p.region ?? null,
      sourceProfile: chain?.source?.name ?? null,
      roleChain: chain === undefined ? null : chain.roles.map((r) => r.name),
      touchroleSession: expires === undefined ? null : { expiration: Number.isFinite(expires) ? new Date(expires).toISOString() : null },
      problem: p.problem === undefined ? null : { ...p.problem },
    });
  }
  return new Map<string, OrderedJson>([
    ['profiles', profiles],
    ['touchrole', derived],
  ]);
}
