// SPDX-License-Identifier: MIT
// The four STS actions touchrole uses, with the limits and refusals real STS applies.
import { accessDenied, AwsQueryError, notAuthorized, validationError } from './aws-errors';
import { integerParam, optionalParam, patternParam, requiredParam, type ActionContext, type ActionHandler } from './action-context';
import { assumedRoleArn, principalAccount, principalArn, type SessionRecord } from './directory';
import { isoSeconds, newAccessKeyId, newSecretAccessKey, newSessionToken } from './identifiers';
import { presentedValidMfa } from './mfa-check';
import { tag, text } from './query-xml';

/** Role chaining (a role session assuming a role) is capped at one hour by STS. */
const ROLE_CHAINING_MAX_SECONDS = 3600;

function issueSession(ctx: ActionContext, durationSeconds: number, mfa: boolean, subject: SessionRecord['subject']): SessionRecord {
  const session: SessionRecord = {
    accessKeyId: newAccessKeyId('ASIA'),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    expiration: ctx.clock.now() + durationSeconds * 1000,
    mfaAuthenticated: mfa,
    subject,
  };
  ctx.directory.sessions.set(session.accessKeyId, session);
  return session;
}

function credentialsXml(s: SessionRecord): string {
  return tag(
    'Credentials',
    text('AccessKeyId', s.accessKeyId),
    text('SecretAccessKey', s.secretAccessKey),
    text('SessionToken', s.sessionToken),
    text('Expiration', isoSeconds(s.expiration)),
  );
}

const assumeRole: ActionHandler = (ctx) => {
  const roleArn = patternParam(ctx, 'RoleArn', requiredParam(ctx, 'RoleArn'), {
    min: 20,
    max: 2048,
    pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uFFFD]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
  });
  const sessionName = patternParam(ctx, 'RoleSessionName', requiredParam(ctx, 'RoleSessionName'), {
    min: 2,
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]*',
  });
  const durationSeconds = integerParam(ctx, 'DurationSeconds', 900, 43200, 3600);
  const externalId = optionalParam(ctx, 'ExternalId');
  const mfa = presentedValidMfa(ctx) || (ctx.principal.session?.mfaAuthenticated ?? false);

  const role = ctx.directory.roles.get(roleArn);
  const denied = notAuthorized(principalArn(ctx.principal), 'sts:AssumeRole', roleArn);
  if (role === undefined || (role.externalId !== undefined && role.externalId !== externalId)) throw denied;
  if (role.requireMfa && !mfa) throw denied;
  if (durationSeconds > role.maxSessionSeconds) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  if (ctx.principal.kind === 'role' && durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }

  const session = issueSession(ctx, durationSeconds, mfa, { kind: 'role', roleArn, sessionName });
  return (
    tag('AssumedRoleUser', text('AssumedRoleId', `${role.roleId}:${sessionName}`), text('Arn', assumedRoleArn(role, sessionName))) + credentialsXml(session)
  );
};

const getSessionToken: ActionHandler = (ctx) => {
  const durationSeconds = integerParam(ctx, 'DurationSeconds', 900, 129600, 43200);
  const caller = ctx.principal;
  if (caller.kind === 'role' || caller.session !== undefined) {
    throw accessDenied('Cannot call GetSessionToken with session credentials');
  }
  const mfa = presentedValidMfa(ctx);
  return credentialsXml(issueSession(ctx, durationSeconds, mfa, { kind: 'user', userName: caller.user.userName }));
};

const getCallerIdentity: ActionHandler = (ctx) => {
  const p = ctx.principal;
  const userId = p.kind === 'user' ? p.user.userId : `${p.role.roleId}:${p.sessionName}`;
  return text('Arn', principalArn(p)) + text('UserId', userId) + text('Account', principalAccount(p));
};

const decodeAuthorizationMessage: ActionHandler = (ctx) => {
  const decoded = ctx.directory.authorizationMessages.get(requiredParam(ctx, 'EncodedMessage'));
  if (decoded === undefined) {
    throw new AwsQueryError('InvalidAuthorizationMessageException', 'The encoded authorization message is invalid.', 400);
  }
  return text('DecodedMessage', decoded);
};

export const STS_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map([
  ['AssumeRole', assumeRole],
  ['GetSessionToken', getSessionToken],
  ['GetCallerIdentity', getCallerIdentity],
  ['DecodeAuthorizationMessage', decodeAuthorizationMessage],
]);
