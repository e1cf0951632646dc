// SPDX-License-Identifier: MIT
import type { AgentCaller, AgentSession, TouchEvent, YubikeyState } from '../../../src-shared/agent-protocol';
import type { FingerprintedCredentials } from './credential-cache';

/**
 * What the agent serves. The real one is composed by the lead from the sessions, sts, oath and
 * credentials-file modules; tests use an in-memory fake. Methods throw TouchroleError for
 * anything the user can act on; its code and message go to the client as they are.
 */
export interface AgentBackend {
  /** Touch, STS, write the session to ~/.aws/credentials. */
  elevate(request: { profile: string; durationSeconds?: number }): Promise<AgentSession>;
  /** Elevate again with the session's previous settings. */
  renew(profile: string): Promise<AgentSession>;
  /** End a session now: remove its managed profile from ~/.aws/credentials. */
  end(profile: string): Promise<void>;
  /** Log out: end every session and drop every cached one (the MFA session too); returns the profiles ended. */
  logout(): Promise<string[]>;
  /** The session expired: remove its managed profile from ~/.aws/credentials. */
  expire(profile: string): Promise<void>;
  /** The sessions that exist now (e.g. written by `touchrole elevate` while the agent ran). */
  sessions(): Promise<AgentSession[]>;
  /** credential_process JSON for a profile, from the backend's cache or by elevating, with what it was made from. */
  credentialProcess(profile: string): Promise<FingerprintedCredentials>;
  /** The agent's own scope and what `profile` resolves to in it, as a CLI caller would send them. */
  identity(profile: string): Promise<AgentCaller>;
  status(): Promise<{ yubikey: YubikeyState }>;
  /** Touch prompts from any path; returns an unsubscribe function. */
  onTouch(listener: (event: TouchEvent) => void): () => void;
  /** YubiKey state changes (inserted, removed, PC/SC lost or back); returns an unsubscribe function. */
  onYubikey?(listener: (state: YubikeyState) => void): () => void;
  /** Releases what the backend holds (the reader watcher); called when the agent closes. */
  close?(): Promise<void>;
}
