// SPDX-License-Identifier: MIT
// Who signed this request? Finds the access key (long-term or temporary), checks the session
// token and its expiry, then the SigV4 signature, in the order AWS reports the failures.
import type { Clock } from '../../src-shared/time/clock';
import { AwsQueryError, expiredToken, incompleteSignature, invalidClientTokenId, missingAuthentication, signatureDoesNotMatch } from './aws-errors';
import type { Directory, Principal, SessionRecord } from './directory';
import { headerValue, parseAuthorization, signatureMatches, type ReceivedRequest } from './sigv4';

function principalOfSession(directory: Directory, session: SessionRecord): Principal {
  const subject = session.subject;
  if (subject.kind === 'user') {
    const user = directory.users.get(subject.userName);
    if (user === undefined) throw invalidClientTokenId();
    return { kind: 'user', user, session };
  }
  const role = directory.roles.get(subject.roleArn);
  if (role === undefined) throw invalidClientTokenId();
  return { kind: 'role', role, sessionName: subject.sessionName, session };
}

/** The signer's secret and identity, or the AWS error for an unknown, inactive or expired key. */
function lookUpKey(req: ReceivedRequest, directory: Directory, clock: Clock, accessKeyId: string) {
  const longTerm = directory.accessKeys.get(accessKeyId);
  if (longTerm !== undefined) {
    const user = directory.users.get(longTerm.userName);
    if (longTerm.status !== 'Active' || user === undefined) throw invalidClientTokenId();
    const principal: Principal = { kind: 'user', user, session: undefined };
    return { secret: longTerm.secretAccessKey, principal };
  }
  const session = directory.sessions.get(accessKeyId);
  if (session === undefined || headerValue(req, 'x-amz-security-token') !== session.sessionToken) {
    throw invalidClientTokenId();
  }
  if (clock.now() >= session.expiration) throw expiredToken();
  return { secret: session.secretAccessKey, principal: principalOfSession(directory, session) };
}

export function authenticate(req: ReceivedRequest, service: 'sts' | 'iam', directory: Directory, clock: Clock): Principal {
  const header = headerValue(req, 'authorization');
  if (header === undefined) throw missingAuthentication();
  const auth = parseAuthorization(header);
  if (auth === undefined) {
    throw incompleteSignature(`Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`);
  }
  const { secret, principal } = lookUpKey(req, directory, clock, auth.accessKeyId);
  if (auth.service !== service) {
    throw new AwsQueryError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'. `, 403);
  }
  if (!signatureMatches(req, auth, secret)) throw signatureDoesNotMatch();
  return principal;
}
