// SPDX-License-Identifier: MIT
// Reading AWS config/credentials exactly as botocore does, and splicing credentials files.
export { parseIni, IniSyntaxError, type IniValue, type IniSection, type IniSections, type IniErrorReason } from './parse-ini';
export { parseConfigFile, parseCredentialsFile, buildProfileMap, mergeProfiles, type AwsConfigFile } from './aws-files';
export { staticCredentials, type StaticCredentialsResult, type StaticCredentialsSource } from './static-credentials';
export {
  managedSections,
  upsertManagedSection,
  removeManagedSection,
  removeExpiredManagedSections,
  removeAllManagedSections,
  type RemoveExpiredOptions,
  removeKeys,
  type ManagedSession,
  type ManagedSectionInfo,
} from './credentials-editor';
export { orderedJsonStringify, type OrderedJson } from './ordered-json';
export { shlexSplit } from './shlex';
