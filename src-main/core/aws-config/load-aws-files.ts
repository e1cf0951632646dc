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
import { TouchroleError } from '../../../src-shared/errors';
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
  const [configText, credentialsText] = await Promise.all([readAwsFile(paths.configFile, 'config'), readAwsFile(paths.credentialsFile, 'credentials')]);
  const config = configText === undefined ? undefined : parseAwsText(configText, 'config', paths.configFile, parseConfigFile);
  const credentials = credentialsText === undefined ? undefined : parseAwsText(credentialsText, 'credentials', paths.credentialsFile, parseCredentialsFile);
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

/**
 * Checks text touchrole is about to write: a result botocore could not parse is never written
 * (the file stays as it was), whichever edit produced it.
 */
export function checkEditedAwsText(text: string, kind: AwsFileKind, path: string): void {
  try {
    (kind === 'config' ? parseConfigFile : parseCredentialsFile)(text);
  } catch (e) {
    throw new TouchroleError(kind === 'config' ? 'config-parse-error' : 'credentials-parse-error', `Refusing to write ${path}: the result would not parse`, {
      cause: e,
      hint: 'This is a touchrole bug; the file was left as it was.',
    });
  }
}
