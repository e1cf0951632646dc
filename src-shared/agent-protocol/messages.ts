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
import type { WireError } from '../errors';
import type { ElevateRequest, SessionView, TouchEvent, YubikeyState } from '../models';

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

export interface AgentStatus {
  agent: { protocol: number; pid: number; startedAt: string };
  yubikey: YubikeyState;
  sessions: SessionView[];
}

/** Each method's params and result. */
export interface AgentMethods {
  ping: { params: Record<string, never>; result: { pong: true; protocol: number } };
  credentialProcess: { params: { profile: string; caller?: AgentCaller }; result: CredentialProcessOutput };
  elevate: { params: ElevateRequest; result: SessionView };
  'sessions.list': { params: Record<string, never>; result: { sessions: SessionView[] } };
  'sessions.end': { params: { profile: string }; result: { ended: true } };
  /** Ends every session and drops every cached session, the MFA session included (touchrole logout). */
  'sessions.logout': { params: Record<string, never>; result: { ended: string[] } };
  'sessions.renew': { params: { profile: string }; result: SessionView };
  status: { params: Record<string, never>; result: AgentStatus };
  subscribe: { params: Record<string, never>; result: { subscribed: true } };
}
export type AgentMethod = keyof AgentMethods;
export type AgentParams<M extends AgentMethod> = AgentMethods[M]['params'];
export type AgentResult<M extends AgentMethod> = AgentMethods[M]['result'];

/** A validated request; `method` narrows `params`. */
export type AgentRequest = { [M in AgentMethod]: { v: 1; id: RequestId; method: M; params: AgentParams<M> } }[AgentMethod];

export type AgentResponse = { v: 1; id: RequestId; ok: true; result: unknown } | { v: 1; id: RequestId | null; ok: false; error: WireError };

/** Server -> subscribed client notifications. */
export interface AgentEvents {
  touch: TouchEvent;
  sessions: { sessions: SessionView[] };
  warning: { profile: string; expiration: string; thresholdSeconds: number; secondsLeft: number };
  expired: { profile: string; removed: boolean; error?: WireError };
  /** The YubiKey state changed (a key inserted or removed, PC/SC lost or back). */
  yubikey: { state: YubikeyState };
}
export type AgentEventName = keyof AgentEvents;
export type AgentEvent = { [E in AgentEventName]: { v: 1; event: E; data: AgentEvents[E] } }[AgentEventName];
