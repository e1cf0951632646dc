// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { AwsProfile } from './profile-model';

/** How a role profile's credentials are obtained: the keys (or credential_source) and each role in turn. */
export interface RoleChain {
  /** The profile whose long-term keys start the chain (undefined with credential_source). */
  source?: AwsProfile;
  /** credential_source of the first role, when the chain starts from the environment/instance. */
  credentialSource?: string;
  /** Roles to assume, first to last; the last is the profile asked for. Empty for a source profile. */
  roles: AwsProfile[];
}

/**
 * Follows source_profile links from `name` down to long-term keys. A role whose
 * source_profile is itself uses its own keys, as botocore allows. Throws profile-not-found
 * or profile-invalid (including a loop) with a message naming the profiles involved.
 */
export function resolveRoleChain(profiles: ReadonlyMap<string, AwsProfile>, name: string): RoleChain {
  return walkRoleChain(profiles, name, new Set(), new Map());
}

/**
 * Checks every role profile's chain at once: the error each would throw, by name. Linear in
 * the number of profiles: a walk stops at a profile an earlier walk already found sound
 * (resolving 2,000 chained profiles one by one would walk about 2 million links).
 */
export function roleChainProblems(profiles: ReadonlyMap<string, AwsProfile>): Map<string, TouchroleError> {
  const sound = new Set<string>();
  const problems = new Map<string, TouchroleError>();
  for (const p of profiles.values()) {
    if (p.kind !== 'role' || p.problem !== undefined) continue;
    try {
      const chain = walkRoleChain(profiles, p.name, sound, problems);
      for (const role of chain.roles) sound.add(role.name);
    } catch (e) {
      if (!(e instanceof TouchroleError)) throw e;
      problems.set(p.name, e);
    }
  }
  return problems;
}

/**
 * The walk; it ends early (returning the roles walked so far) at a profile in `sound`, and
 * throws a profile's error from `failed` on reaching it, as if it were its `problem`.
 */
function walkRoleChain(
  profiles: ReadonlyMap<string, AwsProfile>,
  name: string,
  sound: ReadonlySet<string>,
  failed: ReadonlyMap<string, TouchroleError>,
): RoleChain {
  const roles: AwsProfile[] = [];
  const seen = new Set<string>();
  let current = lookup(profiles, name, undefined);
  for (;;) {
    if (sound.has(current.name)) return { roles: roles.reverse() };
    const known = failed.get(current.name);
    if (known !== undefined) throw TouchroleError.fromWire(known.toWire());
    if (current.problem !== undefined) throw TouchroleError.fromWire(current.problem);
    if (current.kind === 'source') return { source: current, roles: roles.reverse() };
    if (current.kind !== 'role') {
      throw new TouchroleError('profile-invalid', `Profile "${current.name}" has neither role_arn nor long-term keys`, {
        hint: `Add role_arn and source_profile, or store keys with \`touchrole keys add ${current.name}\`.`,
      });
    }
    if (seen.has(current.name)) {
      throw new TouchroleError('profile-invalid', `Profiles loop through source_profile: ${[...seen, current.name].join(' -> ')}`, {
        hint: 'Point the last source_profile at a profile with long-term keys.',
      });
    }
    seen.add(current.name);
    roles.push(current);
    if (current.credentialSource !== undefined) return { credentialSource: current.credentialSource, roles: roles.reverse() };
    const next = current.sourceProfile ?? '';
    if (next === current.name && current.keys !== undefined) return { source: current, roles: roles.reverse() };
    current = lookup(profiles, next, current.name);
  }
}

function lookup(profiles: ReadonlyMap<string, AwsProfile>, name: string, from: string | undefined): AwsProfile {
  const p = profiles.get(name);
  if (p !== undefined) return p;
  throw new TouchroleError(
    'profile-not-found',
    from === undefined ? `No AWS profile named "${name}"` : `Profile "${from}" names source_profile "${name}", which does not exist`,
    { hint: 'See `touchrole profiles` for the profiles in ~/.aws/config and ~/.aws/credentials.' },
  );
}
