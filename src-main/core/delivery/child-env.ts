// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';

/** Set in every `touchrole exec` child: names the profile, and marks the child to refuse nesting. */
export const EXEC_MARKER = 'TOUCHROLE_PROFILE';

/**
 * Variables that could make the child's SDK or CLI pick credentials other than the session:
 * keys, profile selectors, container and web-identity providers, and IMDS endpoint overrides.
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE stay: the child may need its config (regions,
 * endpoints, other profiles it names with --profile), and the session's variables outrank both.
 */
export const CREDENTIAL_SELECTORS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
] as const;

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Milliseconds since the Unix epoch. */
  expiration: number;
}

/** How the child gets the session: in its environment, or from touchrole's loopback endpoint. */
export type Delivery = { kind: 'env'; credentials: SessionCredentials } | { kind: 'server'; url: string; token: string };

/** The child's environment: the parent's, minus every credential selector, plus the session. */
export function childEnv(parent: NodeJS.ProcessEnv, o: { profile: string; region?: string; delivery: Delivery }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...parent };
  for (const name of CREDENTIAL_SELECTORS) delete env[name];
  if (o.delivery.kind === 'env') {
    const c = o.delivery.credentials;
    env['AWS_ACCESS_KEY_ID'] = c.accessKeyId;
    env['AWS_SECRET_ACCESS_KEY'] = c.secretAccessKey;
    env['AWS_SESSION_TOKEN'] = c.sessionToken;
    env['AWS_CREDENTIAL_EXPIRATION'] = new Date(c.expiration).toISOString();
  } else {
    env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = o.delivery.url;
    env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] = o.delivery.token;
  }
  if (o.region !== undefined) {
    env['AWS_REGION'] = o.region;
    env['AWS_DEFAULT_REGION'] = o.region;
  }
  env[EXEC_MARKER] = o.profile;
  return env;
}

/** Refuses `touchrole exec` inside a `touchrole exec` child unless forced: the inner session would shadow the outer silently. */
export function checkNotNested(env: NodeJS.ProcessEnv, force: boolean): void {
  const outer = env[EXEC_MARKER];
  if (outer === undefined || outer === '' || force) return;
  throw new TouchroleError('exec-nested', `already inside "touchrole exec" for profile ${outer.slice(0, 100)}`, {
    hint: 'exit that shell first, or pass --force to run a nested exec anyway',
  });
}
