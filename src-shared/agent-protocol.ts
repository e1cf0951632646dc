// SPDX-License-Identifier: MIT
/**
 * The agent's wire protocol: newline-delimited JSON over a local stream socket.
 *
 *   client -> agent   { v: 1, id, method, params }
 *   agent -> client   { v: 1, id, ok: true, result } | { v: 1, id, ok: false, error: WireError }
 *   agent -> client   { v: 1, event, data }            (only after `subscribe`)
 *
 * Every message is checked by the hand-written guards below on both sides; anything else is an
 * `agent-protocol` error reply, and the connection keeps serving. Bump AGENT_PROTOCOL_VERSION on
 * any incompatible change: a peer speaking another version gets a clear error, not a guess.
 */
import type { WireError } from './errors';

export const AGENT_PROTOCOL_VERSION = 1;
/** Longest accepted line in bytes (without the newline); longer input is refused and skipped. */
export const AGENT_MAX_LINE_BYTES = 64 * 1024;

export type RequestId = string | number;

/** What `credential_process` prints (the AWS SDKs' process credential format). */
export interface CredentialProcessOutput {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  /** ISO 8601. */
  Expiration: string;
}

/**
 * Who asks for credential_process, so the agent serves only what the caller's own environment
 * resolves to (core/sessions/fingerprint.ts). The agent declines (`agent-declined`) a caller
 * whose scope or fingerprint differs from its own; the caller then elevates itself. Optional on
 * the wire: a caller from before it is served from the agent's environment, as it was.
 */
export interface AgentCaller {
  /** sha256 (hex) of the caller's resolution scope: AWS files, touchrole directories, keychain service, STS endpoint. */
  scope: string;
  /** sha256 (hex) of what the profile resolves to for the caller; absent when it could not read its AWS files. */
  fingerprint?: string;
  /** The caller's resolved AWS config and credentials files, named in the decline message. */
  configFile: string;
  credentialsFile: string;
}

/** An elevated session written to ~/.aws/credentials, as the agent tracks it. */
export interface AgentSession {
  /** The ~/.aws/config profile that was elevated. */
  profile: string;
  /** ISO 8601 expiration of the STS credentials ('' when `expiryUnreadable`). */
  expiration: string;
  roleArn?: string;
  /** The credentials-file section the session was written to. */
  writtenProfile?: string;
  /** The section's expiry marker was damaged by a hand edit: shown as such; `touchrole clean` removes it. */
  expiryUnreadable?: true;
}

/** 'unavailable': PC/SC cannot be used (pcscd down, binding not loaded), so whether a key is there is not known. */
export type YubikeyState = 'none' | 'ready' | 'locked' | 'touch' | 'unavailable' | 'unknown';
export const YUBIKEY_STATES: readonly YubikeyState[] = ['none', 'ready', 'locked', 'touch', 'unavailable', 'unknown'];

export interface AgentStatus {
  agent: { protocol: number; pid: number; startedAt: string };
  yubikey: YubikeyState;
  sessions: AgentSession[];
}

/** Each method's params and result. */
export interface AgentMethods {
  ping: { params: Record<string, never>; result: { pong: true; protocol: number } };
  credentialProcess: { params: { profile: string; caller?: AgentCaller }; result: CredentialProcessOutput };
  elevate: { params: { profile: string; durationSeconds?: number }; result: AgentSession };
  'sessions.list': { params: Record<string, never>; result: { sessions: AgentSession[] } };
  'sessions.end': { params: { profile: string }; result: { ended: true } };
  /** Ends every session and drops every cached session, the MFA session included (touchrole logout). */
  'sessions.logout': { params: Record<string, never>; result: { ended: string[] } };
  'sessions.renew': { params: { profile: string }; result: AgentSession };
  status: { params: Record<string, never>; result: AgentStatus };
  subscribe: { params: Record<string, never>; result: { subscribed: true } };
}
export type AgentMethod = keyof AgentMethods;
export type AgentParams<M extends AgentMethod> = AgentMethods[M]['params'];
export type AgentResult<M extends AgentMethod> = AgentMethods[M]['result'];

/** A validated request; `method` narrows `params`. */
export type AgentRequest = { [M in AgentMethod]: { v: 1; id: RequestId; method: M; params: AgentParams<M> } }[AgentMethod];

export type AgentResponse = { v: 1; id: RequestId; ok: true; result: unknown } | { v: 1; id: RequestId | null; ok: false; error: WireError };

/** A touch prompt from whatever path needs the YubiKey (menu, window, credential_process). */
export interface TouchEvent {
  state: 'needed' | 'done' | 'timeout' | 'cancelled';
  /** The profile being elevated, when there is one. */
  profile?: string;
}

/** Server -> subscribed client notifications. */
export interface AgentEvents {
  touch: TouchEvent;
  sessions: { sessions: AgentSession[] };
  warning: { profile: string; expiration: string; thresholdSeconds: number; secondsLeft: number };
  expired: { profile: string; removed: boolean; error?: WireError };
  /** The YubiKey state changed (a key inserted or removed, PC/SC lost or back). */
  yubikey: { state: YubikeyState };
}
export type AgentEventName = keyof AgentEvents;
export type AgentEvent = { [E in AgentEventName]: { v: 1; event: E; data: AgentEvents[E] } }[AgentEventName];

export type ParsedRequest = { ok: true; request: AgentRequest } | { ok: false; id: RequestId | null; error: WireError };

const PARAM_GUARDS: { [M in AgentMethod]: (p: Record<string, unknown>) => string | undefined } = {
  ping: noParams,
  credentialProcess: (p) => onlyKeys(p, ['profile', 'caller']) ?? checkProfile(p['profile']) ?? checkCaller(p['caller']),
  elevate: (p) => onlyKeys(p, ['profile', 'durationSeconds']) ?? checkProfile(p['profile']) ?? checkDuration(p['durationSeconds']),
  'sessions.list': noParams,
  'sessions.end': profileOnly,
  'sessions.logout': noParams,
  'sessions.renew': profileOnly,
  status: noParams,
  subscribe: noParams,
};

export const AGENT_METHODS = Object.keys(PARAM_GUARDS) as AgentMethod[];

/** Parses and validates one request line; never throws. */
export function parseRequest(line: string): ParsedRequest {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return protocolError(null, 'request is not valid JSON');
  }
  if (!isRecord(msg)) return protocolError(null, 'request must be a JSON object');
  const id = isRequestId(msg['id']) ? msg['id'] : null;
  if (id === null) return protocolError(null, 'request id must be a string (max 128 chars) or a safe integer');
  if (msg['v'] !== AGENT_PROTOCOL_VERSION) {
    return {
      ok: false,
      id,
      error: {
        code: 'agent-protocol',
        message: `unsupported agent protocol version ${JSON.stringify(msg['v'])}; this agent speaks ${AGENT_PROTOCOL_VERSION}`,
        hint: 'Restart the touchrole agent and the client from the same touchrole version.',
      },
    };
  }
  const method = msg['method'];
  if (typeof method !== 'string' || !isAgentMethod(method)) {
    return protocolError(id, `unknown method ${JSON.stringify(method).slice(0, 64)}`);
  }
  const rawParams = msg['params'] ?? {};
  if (!isRecord(rawParams)) return protocolError(id, `params of ${method} must be an object`);
  const problem = onlyKeys(msg, ['v', 'id', 'method', 'params']) ?? PARAM_GUARDS[method](rawParams);
  if (problem !== undefined) return protocolError(id, `${method}: ${problem}`);
  // The guard for `method` has just accepted exactly the params that method declares.
  return { ok: true, request: { v: 1, id, method, params: rawParams } as AgentRequest };
}

/** What the client reads: a response, an event, or something it must refuse. */
export type ParsedServerMessage = { kind: 'response'; response: AgentResponse } | { kind: 'event'; event: AgentEvent } | { kind: 'invalid'; reason: string };

/** Parses one agent -> client line; checks the envelope, error shape and event data. */
export function parseServerMessage(line: string): ParsedServerMessage {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return { kind: 'invalid', reason: 'agent sent invalid JSON' };
  }
  if (!isRecord(msg) || msg['v'] !== AGENT_PROTOCOL_VERSION) return { kind: 'invalid', reason: 'agent sent a message of another protocol version' };
  if (typeof msg['event'] === 'string') {
    const event = msg['event'];
    const data = msg['data'];
    if (!isEventName(event) || !EVENT_GUARDS[event](data)) return { kind: 'invalid', reason: `agent sent a malformed ${event.slice(0, 32)} event` };
    return { kind: 'event', event: { v: 1, event, data } as AgentEvent };
  }
  const id = msg['id'];
  if (msg['ok'] === true && isRequestId(id) && 'result' in msg) return { kind: 'response', response: { v: 1, id, ok: true, result: msg['result'] } };
  if (msg['ok'] === false && (id === null || isRequestId(id)) && isWireError(msg['error'])) {
    return { kind: 'response', response: { v: 1, id, ok: false, error: msg['error'] } };
  }
  return { kind: 'invalid', reason: 'agent sent a malformed response' };
}

/** Result guards, so a client never hands an unchecked shape to the AWS CLI or the tray. */
export const RESULT_GUARDS: { [M in AgentMethod]: (r: unknown) => r is AgentResult<M> } = {
  ping: (r): r is AgentResult<'ping'> => isRecord(r) && r['pong'] === true && typeof r['protocol'] === 'number',
  credentialProcess: isCredentialProcessOutput,
  elevate: isAgentSession,
  'sessions.list': (r): r is AgentResult<'sessions.list'> => isRecord(r) && isSessionList(r['sessions']),
  'sessions.end': (r): r is AgentResult<'sessions.end'> => isRecord(r) && r['ended'] === true,
  'sessions.logout': (r): r is AgentResult<'sessions.logout'> => isRecord(r) && Array.isArray(r['ended']) && r['ended'].every((p) => typeof p === 'string'),
  'sessions.renew': isAgentSession,
  status: isAgentStatus,
  subscribe: (r): r is AgentResult<'subscribe'> => isRecord(r) && r['subscribed'] === true,
};

const EVENT_GUARDS: { [E in AgentEventName]: (d: unknown) => boolean } = {
  touch: (d) => isRecord(d) && ['needed', 'done', 'timeout', 'cancelled'].includes(String(d['state'])) && optional(d['profile'], isString),
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

export function isAgentSession(r: unknown): r is AgentSession {
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

function isSessionList(s: unknown): s is AgentSession[] {
  return Array.isArray(s) && s.every(isAgentSession);
}

function noParams(p: Record<string, unknown>): string | undefined {
  return onlyKeys(p, []);
}

function profileOnly(p: Record<string, unknown>): string | undefined {
  return onlyKeys(p, ['profile']) ?? checkProfile(p['profile']);
}

function checkProfile(v: unknown): string | undefined {
  // Profile names come from ~/.aws/config section headers: one line, printable, bounded.
  if (typeof v !== 'string' || v.length === 0 || v.length > 256) return 'profile must be a non-empty string of at most 256 characters';
  return hasControlCharacter(v) ? 'profile must not contain control characters' : undefined;
}

function hasControlCharacter(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function checkCaller(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) return 'caller must be an object';
  const sha256 = /^[0-9a-f]{64}$/;
  const path = (x: unknown): boolean => typeof x === 'string' && x.length > 0 && x.length <= 4096 && !hasControlCharacter(x);
  return (
    onlyKeys(v, ['scope', 'fingerprint', 'configFile', 'credentialsFile']) ??
    (typeof v['scope'] === 'string' && sha256.test(v['scope']) ? undefined : 'caller.scope must be a sha256 in hex') ??
    (v['fingerprint'] === undefined || (typeof v['fingerprint'] === 'string' && sha256.test(v['fingerprint']))
      ? undefined
      : 'caller.fingerprint must be a sha256 in hex') ??
    (path(v['configFile']) && path(v['credentialsFile']) ? undefined : 'caller.configFile and caller.credentialsFile must be paths')
  );
}

function checkDuration(v: unknown): string | undefined {
  // The widest range any STS call accepts (AssumeRole 900 s up to GetSessionToken's 36 h);
  // the exact per-call limits are checked where the call is made.
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 900 || v > 129_600) return 'durationSeconds must be an integer from 900 to 129600';
  return undefined;
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `unexpected field ${JSON.stringify(extra.slice(0, 64))}`;
}

function protocolError(id: RequestId | null, message: string): ParsedRequest {
  return { ok: false, id, error: { code: 'agent-protocol', message } };
}

function isAgentMethod(m: string): m is AgentMethod {
  return Object.prototype.hasOwnProperty.call(PARAM_GUARDS, m);
}

function isEventName(e: string): e is AgentEventName {
  return Object.prototype.hasOwnProperty.call(EVENT_GUARDS, e);
}

function isRequestId(id: unknown): id is RequestId {
  return (typeof id === 'string' && id.length > 0 && id.length <= 128) || (typeof id === 'number' && Number.isSafeInteger(id));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function optional(v: unknown, guard: (x: unknown) => boolean): boolean {
  return v === undefined || guard(v);
}
