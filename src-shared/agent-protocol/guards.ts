// SPDX-License-Identifier: MIT
/** Shape checks for what crosses the agent socket, so neither side hands an unchecked value on. */
import type { WireError } from '../errors';
import { TOUCH_STATES, YUBIKEY_STATES, type SessionView, type TouchEvent, type YubikeyState } from '../models';
import type { AgentEventName, AgentMethod, AgentResult, AgentStatus, CredentialProcessOutput, RequestId } from './messages';

/** Result guards, so a client never hands an unchecked shape to the AWS CLI or the tray. */
export const RESULT_GUARDS: { [M in AgentMethod]: (r: unknown) => r is AgentResult<M> } = {
  ping: (r): r is AgentResult<'ping'> => isRecord(r) && r['pong'] === true && typeof r['protocol'] === 'number',
  credentialProcess: isCredentialProcessOutput,
  elevate: isSessionView,
  'sessions.list': (r): r is AgentResult<'sessions.list'> => isRecord(r) && isSessionList(r['sessions']),
  'sessions.end': (r): r is AgentResult<'sessions.end'> => isRecord(r) && r['ended'] === true,
  'sessions.logout': (r): r is AgentResult<'sessions.logout'> => isRecord(r) && Array.isArray(r['ended']) && r['ended'].every((p) => typeof p === 'string'),
  'sessions.renew': isSessionView,
  status: isAgentStatus,
  subscribe: (r): r is AgentResult<'subscribe'> => isRecord(r) && r['subscribed'] === true,
};

export const EVENT_GUARDS: { [E in AgentEventName]: (d: unknown) => boolean } = {
  touch: (d) => isRecord(d) && TOUCH_STATES.includes(d['state'] as TouchEvent['state']) && optional(d['profile'], isString),
  sessions: (d) => isRecord(d) && isSessionList(d['sessions']),
  warning: (d) =>
    isRecord(d) && isString(d['profile']) && isString(d['expiration']) && typeof d['thresholdSeconds'] === 'number' && typeof d['secondsLeft'] === 'number',
  expired: (d) => isRecord(d) && isString(d['profile']) && typeof d['removed'] === 'boolean' && optional(d['error'], isWireError),
  yubikey: (d) => isRecord(d) && isYubikeyState(d['state']),
};

function isYubikeyState(s: unknown): s is YubikeyState {
  return YUBIKEY_STATES.includes(s as YubikeyState);
}

export function isCredentialProcessOutput(r: unknown): r is CredentialProcessOutput {
  return (
    isRecord(r) &&
    r['Version'] === 1 &&
    isString(r['AccessKeyId']) &&
    isString(r['SecretAccessKey']) &&
    isString(r['SessionToken']) &&
    isString(r['Expiration']) &&
    !Number.isNaN(Date.parse(r['Expiration']))
  );
}

export function isSessionView(r: unknown): r is SessionView {
  return (
    isRecord(r) &&
    isString(r['profile']) &&
    (r['expiryUnreadable'] === true
      ? r['expiration'] === ''
      : r['expiryUnreadable'] === undefined && isString(r['expiration']) && !Number.isNaN(Date.parse(r['expiration']))) &&
    optional(r['roleArn'], isString) &&
    optional(r['writtenProfile'], isString)
  );
}

function isAgentStatus(r: unknown): r is AgentStatus {
  if (!isRecord(r) || !isRecord(r['agent']) || !isSessionList(r['sessions'])) return false;
  const agent = r['agent'];
  return typeof agent['protocol'] === 'number' && typeof agent['pid'] === 'number' && isString(agent['startedAt']) && isYubikeyState(r['yubikey']);
}

export function isWireError(e: unknown): e is WireError {
  // Codes are not checked against the union: a newer agent may know codes this client does not,
  // and the message is what the user reads.
  return isRecord(e) && isString(e['code']) && typeof e['message'] === 'string' && optional(e['hint'], (h) => typeof h === 'string');
}

export function isSessionList(s: unknown): s is SessionView[] {
  return Array.isArray(s) && s.every(isSessionView);
}

export function isEventName(e: string): e is AgentEventName {
  return Object.prototype.hasOwnProperty.call(EVENT_GUARDS, e);
}

export function isRequestId(id: unknown): id is RequestId {
  return (typeof id === 'string' && id.length > 0 && id.length <= 128) || (typeof id === 'number' && Number.isSafeInteger(id));
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

export function optional(v: unknown, guard: (x: unknown) => boolean): boolean {
  return v === undefined || guard(v);
}
