// SPDX-License-Identifier: MIT
import type { IniSection } from '../../../src-shared/aws-ini';

/** The region sessions/plan.ts gives `profile`: its own, else that of the end of its source_profile chain. */
export function regionOf(sections: (name: string) => IniSection | undefined, profile: string): string | undefined {
  const seen = new Set<string>();
  let name: string | undefined = profile;
  let last: IniSection | undefined;
  while (name !== undefined && !seen.has(name)) {
    seen.add(name);
    const section = sections(name);
    if (section === undefined) break;
    last = section;
    const hasRole = text(section, 'role_arn') !== undefined && text(section, 'credential_source') === undefined;
    name = hasRole ? text(section, 'source_profile') : undefined;
  }
  return text(sections(profile), 'region') ?? text(last, 'region');
}

function text(section: IniSection | undefined, key: string): string | undefined {
  const v = section?.get(key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}
