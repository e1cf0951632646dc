// SPDX-License-Identifier: MIT
import { join } from 'node:path';
import { osHomedir } from '../paths/home';

export interface AwsFilePaths {
  /** AWS_CONFIG_FILE or ~/.aws/config. */
  configFile: string;
  /** AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. */
  credentialsFile: string;
  /** AWS_PROFILE, else "default". */
  profile: string;
}

/**
 * The files and profile the AWS CLI would use in `env`. Like botocore, a path from the
 * environment has $VAR / ${VAR} expanded, then a leading ~.
 */
export function awsFilePaths(env: NodeJS.ProcessEnv): AwsFilePaths {
  const home = env['HOME'] || env['USERPROFILE'] || osHomedir();
  const fromEnv = (name: string, fallback: string): string => {
    const value = env[name];
    return value ? expandUser(expandVars(value, env), home) : join(home, '.aws', fallback);
  };
  return {
    configFile: fromEnv('AWS_CONFIG_FILE', 'config'),
    credentialsFile: fromEnv('AWS_SHARED_CREDENTIALS_FILE', 'credentials'),
    profile: env['AWS_PROFILE'] || 'default',
  };
}

/** Python's os.path.expandvars: defined variables are replaced, others left as written. */
export function expandVars(path: string, env: NodeJS.ProcessEnv): string {
  return path.replace(/\$(?:([\p{L}\p{N}_]+)|\{([^}]*)\})/gu, (whole, bare: string | undefined, braced: string | undefined) => {
    const value = env[bare ?? braced ?? ''];
    return value === undefined ? whole : value;
  });
}

/** os.path.expanduser for the current user: "~" and "~/...". */
export function expandUser(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/') || (process.platform === 'win32' && path.startsWith('~\\'))) return join(home, path.slice(2));
  return path;
}
