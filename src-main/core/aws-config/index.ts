// SPDX-License-Identifier: MIT
// Public API of aws-config: ~/.aws read exactly as botocore reads it, and safe credentials-file edits.
export { awsFilePaths, type AwsFilePaths } from './paths';
export { readAwsFile, decodeAwsFile, type AwsFileKind } from './read-aws-file';
export { checkEditedAwsText, loadAwsFiles, type AwsFiles } from './load-aws-files';
export { loadAwsProfiles, buildProfileSet, type AwsProfileSet, type LoadProfilesOptions } from './load-aws-profiles';
export { OATH_OVERRIDE_KEY, type AwsProfile, type KeysLocation } from './profile-model';
export { resolveRoleChain, type RoleChain } from './role-chain';
export { isRoleArn, checkMfaSerial } from './arns';
export { sessionProfileName, checkSessionProfileName } from './session-profile-name';
export { updateCredentialsFile, credentialsLockPath, type UpdateCredentialsOptions, type UpdateCredentialsResult } from './update-credentials-file';
export { credentialsFileAccess, readCredentialsSection } from './credentials-file-access';
export { profilesReport } from './profiles-report';
export {
  upsertManagedSection,
  removeManagedSection,
  removeExpiredManagedSections,
  removeAllManagedSections,
  removeKeys,
  managedSections,
  orderedJsonStringify,
  type ManagedSession,
  type ManagedSectionInfo,
} from '../../../src-shared/aws-ini';
