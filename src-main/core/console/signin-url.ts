// SPDX-License-Identifier: MIT
// AWS console sign-in for temporary credentials: the federation endpoint's getSigninToken, then a login URL.
import { TouchroleError } from '../../../src-shared/errors';
import type { TemporaryCredentials } from '../sts';

export const DEFAULT_FEDERATION_URL = 'https://signin.aws.amazon.com/federation';
export const DEFAULT_CONSOLE_DESTINATION = 'https://console.aws.amazon.com/';

export interface ConsoleSigninOptions {
  /** TOUCHROLE_FEDERATION_URL in tests; the AWS endpoint otherwise. */
  federationUrl?: string;
  destination?: string;
  /** Shown by AWS on the sign-out page. */
  issuer?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A login URL valid for 15 minutes; it carries a sign-in token, so it is printed only when asked. */
export async function consoleSigninUrl(credentials: TemporaryCredentials, o: ConsoleSigninOptions = {}): Promise<string> {
  const endpoint = o.federationUrl ?? DEFAULT_FEDERATION_URL;
  const session = JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
  const tokenUrl = `${endpoint}?Action=getSigninToken&Session=${encodeURIComponent(session)}`;
  let response: Response;
  try {
    response = await (o.fetch ?? fetch)(tokenUrl, o.signal === undefined ? {} : { signal: o.signal });
  } catch (e) {
    throw new TouchroleError('sts-network', `Could not reach the AWS federation endpoint ${endpoint}`, { hint: 'Check the network and try again.', cause: e });
  }
  if (!response.ok) {
    throw new TouchroleError('sts-access-denied', `The AWS federation endpoint refused the session (HTTP ${response.status})`, {
      hint: 'Console sign-in needs role (AssumeRole) or federated credentials; elevate the profile again.',
    });
  }
  const token = signinToken(await response.text());
  const params = new URLSearchParams({
    Action: 'login',
    Issuer: o.issuer ?? 'touchrole',
    Destination: o.destination ?? DEFAULT_CONSOLE_DESTINATION,
    SigninToken: token,
  });
  return `${endpoint}?${params.toString()}`;
}

function signinToken(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && 'SigninToken' in value && typeof value.SigninToken === 'string' && value.SigninToken !== '')
    return value.SigninToken;
  throw new TouchroleError('sts-error', 'The AWS federation endpoint answered without a sign-in token', { hint: 'Try again; if it persists, report it.' });
}
