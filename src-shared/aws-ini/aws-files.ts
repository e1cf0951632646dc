// SPDX-License-Identifier: MIT
import { parseIni, type IniSection, type IniSections } from './parse-ini';
import { shlexSplit } from './shlex';

/** The config file as botocore's `load_config` maps it. */
export interface AwsConfigFile {
  profiles: ReadonlyMap<string, IniSection>;
  ssoSessions: ReadonlyMap<string, IniSection>;
  services: ReadonlyMap<string, IniSection>;
  /** Every other section (e.g. [plugins], a bare [dev], [PROFILE x]), by exact name. */
  otherSections: ReadonlyMap<string, IniSection>;
}

/** Parses a config file's text (throws IniSyntaxError where botocore fails). */
export function parseConfigFile(text: string): AwsConfigFile {
  return buildProfileMap(parseIni(text));
}

/** Credentials file: every section is a profile under its exact name ([profile x] is "profile x"). */
export function parseCredentialsFile(text: string): IniSections {
  return parseIni(text);
}

/**
 * botocore's `build_profile_map`. Prefix tests are on the raw name ("profiles x" is profile
 * "x"; "profilex" is dropped), the rest is split like shell words and must be exactly two
 * words. Later sections replace earlier ones whole, so of [default] and [profile default]
 * the later wins.
 */
export function buildProfileMap(sections: IniSections): AwsConfigFile {
  const profiles = new Map<string, IniSection>();
  const ssoSessions = new Map<string, IniSection>();
  const services = new Map<string, IniSection>();
  const otherSections = new Map<string, IniSection>();
  for (const [name, values] of sections) {
    const target = name.startsWith('profile') ? profiles : name.startsWith('sso-session') ? ssoSessions : name.startsWith('services') ? services : undefined;
    if (target !== undefined) {
      const words = shlexSplit(name);
      const second = words?.length === 2 ? words[1] : undefined;
      if (second !== undefined) target.set(second, values);
    } else if (name === 'default') profiles.set(name, values);
    else otherSections.set(name, values);
  }
  return { profiles, ssoSessions, services, otherSections };
}

/**
 * The profiles as the CLI sees both files (`Session.full_config["profiles"]`): the config's
 * profiles, then each credentials section merged in key by key, the credentials file winning.
 * A nested sub-section is replaced whole.
 */
export function mergeProfiles(config: AwsConfigFile | undefined, credentials: IniSections | undefined): Map<string, IniSection> {
  const merged = new Map<string, IniSection>(config?.profiles ?? []);
  for (const [name, values] of credentials ?? []) {
    const existing = merged.get(name);
    merged.set(name, existing === undefined ? values : new Map([...existing, ...values]));
  }
  return merged;
}
