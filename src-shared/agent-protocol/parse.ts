// SPDX-License-Identifier: MIT
/** Reading one line of the agent protocol, on either side; never throws. */
import type { WireError } from '../errors';
import { EVENT_GUARDS, isEventName, isRecord, isRequestId, isWireError } from './guards';
import { AGENT_PROTOCOL_VERSION, type AgentEvent, type AgentRequest, type AgentResponse, type RequestId } from './messages';
import { PARAM_GUARDS, isAgentMethod, onlyKeys } from './params';

export type ParsedRequest = { ok: true; request: AgentRequest } | { ok: false; id: RequestId | null; error: WireError };

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

function protocolError(id: RequestId | null, message: string): ParsedRequest {
  return { ok: false, id, error: { code: 'agent-protocol', message } };
}
