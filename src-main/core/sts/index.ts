// SPDX-License-Identifier: MIT
// Public API of core/sts: the STS and IAM ports, their SDK adapters (lazy-loaded) and error mapping.
export type {
  AwsCredentials,
  TemporaryCredentials,
  CallContext,
  CallWhere,
  ClientSettings,
  AssumeRoleInput,
  AssumeRoleOutput,
  GetSessionTokenInput,
  CallerIdentity,
  StsApi,
} from './sts-port';
export type { AccessKeyStatus, AccessKeyInfo, NewAccessKey, MfaDeviceInfo, NewVirtualMfaDevice, IamUser, UserScoped, IamApi } from './iam-port';
export { clientSettingsOf, whereOf, DEFAULT_REGION, endpointFor, type AwsClientOptions, type AwsService } from './client-config';
export { mapAwsError, type ErrorContext } from './map-aws-error';
export { createStsApi } from './sts-adapter';
export { createIamApi } from './iam-adapter';
