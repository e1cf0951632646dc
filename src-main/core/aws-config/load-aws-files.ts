// SPDX-License-Identifier: MIT
import {
  IniSyntaxError,
  mergeProfiles,
  parseConfigFile,
  parseCredentialsFile,
  type AwsConfigFile,
  type IniSection,
  type IniSections,
} from '../../../src-shared/aws-ini';
import { awsFilePaths, type AwsFilePaths } from './paths';
import { parseError, readAwsFile, type AwsFileKind } from './read-aws-file';

/** Both AWS files as the CLI reads them. A missing file reads as empty. */
export interface AwsFiles {
  paths: AwsFilePaths;
  config: AwsConfigFile | undefined;
  credentials: IniSections | undefined;
  /** The credentials file's text (for the editor), '' when there is none. */
  credentialsText: string;
  /** Profiles of both files merged as botocore merges them (credentials win key by key). */
  merged: ReadonlyMap<string, IniSection>;
}

/** Reads both files; a file the AWS CLI would refuse throws config-/credentials-parse-error. */
export async function loadAwsFiles(env: NodeJS.ProcessEnv): Promise<AwsFiles> {
  const paths = awsFilePaths(env);
  const [configText, credentialsText] = await Promise.all([
    readAwsFile(paths.configFile, 'config'),
    readAwsFile(paths.credentialsFile, 'credentials'),
  ]);
  const config = configText === undefined ? undefined : parseAwsText(configText, 'config', paths.configFile, parseConfigFile);
  const credentials =
    credentialsText === undefined ? undefined : parseAwsText(credentialsText, 'credentials', paths.credentialsFile, parseCredentialsFile);
  return { paths, config, credentials, credentialsText: credentialsText ?? '', merged: mergeProfiles(config, credentials) };
}

/** Runs a parser, turning its syntax error into the user-facing error for that file. */
export function parseAwsText<T>(text: string, kind: AwsFileKind, path: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof IniSyntaxError) throw parseError(kind, path, e.message);
    throw e;
  }
}
