// SPDX-License-Identifier: MIT
// Apart from fingerprint.ts so that the credential_process hot path can resolve the scope without loading the AWS file readers.
import type { ResolutionScope } from '../../../src-shared/session-fingerprint';
import { awsFilePaths } from '../aws-config/paths';
import { touchrolePaths } from '../paths';

/** The caller's scope from its environment, resolved as the AWS CLI and touchrole resolve paths. */
export function resolutionScope(env: NodeJS.ProcessEnv): ResolutionScope {
  const aws = awsFilePaths(env);
  const own = touchrolePaths(env);
  // As the composition root (core/service/core-ports.ts) and the STS adapter read them (core/vault and core/sts are too heavy to load here).
  const endpoint = env['AWS_ENDPOINT_URL_STS'] || env['AWS_ENDPOINT_URL'];
  return {
    configFile: aws.configFile,
    credentialsFile: aws.credentialsFile,
    settingsDir: own.config,
    cacheDir: own.cache,
    stateDir: own.state,
    keychainService: env['TOUCHROLE_KEYCHAIN_SERVICE'] || 'touchrole',
    ...(endpoint ? { stsEndpoint: endpoint } : {}),
  };
}
