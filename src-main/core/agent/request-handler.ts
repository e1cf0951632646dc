// SPDX-License-Identifier: MIT
import {
  AGENT_PROTOCOL_VERSION,
  type AgentCaller,
  type AgentMethod,
  type AgentParams,
  type AgentRequest,
  type AgentResult,
  type CredentialProcessOutput,
} from '../../../src-shared/agent-protocol';
import { TouchroleError } from '../../../src-shared/errors';
import { DEFAULTS } from '../../../src-shared/rules';
import type { Clock } from '../../../src-shared/time/clock';
import type { AgentBackend } from './backend';
import { CredentialCache } from './credential-cache';
import type { SessionKeeper } from './session-keeper';

export interface RequestHandlerOptions {
  backend: AgentBackend;
  keeper: SessionKeeper;
  clock: Clock;
  /** Serve cached credential_process answers while more than this remains (default 5 min). */
  credentialRefreshWindowMs?: number;
}

/** Maps each validated request to the backend and keeps the agent's memory in step with it. */
export class RequestHandler {
  private readonly credentials: CredentialCache;
  private readonly startedAt: string;

  constructor(private readonly options: RequestHandlerOptions) {
    this.credentials = new CredentialCache(options.clock, options.credentialRefreshWindowMs ?? DEFAULTS.refreshMinutes * 60_000);
    this.startedAt = new Date(options.clock.now()).toISOString();
  }

  /** `subscribe` is answered by the server, which owns the connection. */
  handle(request: Exclude<AgentRequest, { method: 'subscribe' }>): Promise<AgentResult<AgentMethod>> {
    const { backend, keeper } = this.options;
    switch (request.method) {
      case 'ping':
        return Promise.resolve({ pong: true, protocol: AGENT_PROTOCOL_VERSION });
      case 'credentialProcess':
        return this.credentialProcess(request.params);
      case 'elevate':
        return backend.elevate(request.params).then((session) => {
          keeper.upsert(session);
          return session;
        });
      case 'sessions.renew':
        return backend.renew(request.params.profile).then((session) => {
          keeper.upsert(session);
          return session;
        });
      case 'sessions.end':
        return this.end(request.params.profile).then(() => ({ ended: true as const }));
      case 'sessions.logout':
        return this.logout().then((ended) => ({ ended }));
      case 'sessions.list':
        return this.syncSessions().then((sessions) => ({ sessions }));
      case 'status':
        return Promise.all([backend.status(), this.syncSessions()]).then(([status, sessions]) => ({
          agent: { protocol: AGENT_PROTOCOL_VERSION, pid: process.pid, startedAt: this.startedAt },
          yubikey: status.yubikey,
          sessions,
        }));
    }
  }

  /**
   * Serves a caller only what its own environment resolves the profile to: a caller whose files,
   * settings or profile fingerprint differ from the agent's is declined, and elevates itself.
   */
  private async credentialProcess(params: AgentParams<'credentialProcess'>): Promise<CredentialProcessOutput> {
    const { backend } = this.options;
    const own = await backend.identity(params.profile);
    const why = params.caller === undefined ? undefined : declineReason(params.profile, params.caller, own);
    if (why !== undefined) {
      const hint = 'The command elevates by itself instead; run the agent with the same environment to share its sessions.';
      throw new TouchroleError('agent-declined', why, { hint });
    }
    return this.credentials.get(params.profile, own.fingerprint, (p) => backend.credentialProcess(p));
  }

  /**
   * Ends a session: no longer served from memory, gone from the files and the timeline. Memory is
   * dropped before and again after the files: a fetch that started meanwhile could have read the
   * session the end was removing, and must not be kept.
   */
  async end(profile: string): Promise<void> {
    this.credentials.forget(profile);
    try {
      await this.options.backend.end(profile);
    } finally {
      this.credentials.forget(profile);
    }
    this.options.keeper.remove(profile);
  }

  /** Ends every session and drops every cached one; memory first (and again after, as end does), so nothing is served meanwhile. */
  async logout(): Promise<string[]> {
    this.credentials.forgetAll();
    const ended = await this.options.backend.logout().finally(() => this.credentials.forgetAll());
    for (const profile of ended) this.options.keeper.remove(profile);
    await this.syncSessions();
    return ended;
  }

  /** Picks up sessions written by other touchrole processes while the agent runs. */
  async syncSessions(): Promise<AgentResult<'sessions.list'>['sessions']> {
    this.options.keeper.replaceAll(await this.options.backend.sessions());
    return this.options.keeper.list();
  }
}

/** Why the agent's view differs from the caller's, or undefined when they resolve alike. */
function declineReason(profile: string, caller: AgentCaller, own: AgentCaller): string | undefined {
  if (caller.configFile !== own.configFile) return `The touchrole agent reads ${own.configFile}; this command reads ${caller.configFile}`;
  if (caller.credentialsFile !== own.credentialsFile) return `The touchrole agent reads ${own.credentialsFile}; this command reads ${caller.credentialsFile}`;
  if (caller.scope !== own.scope) return 'The touchrole agent runs with other touchrole directories, keychain service or STS endpoint than this command';
  if (caller.fingerprint !== own.fingerprint) return `Profile "${profile}" resolves differently for the touchrole agent (was the AWS config just edited?)`;
  return undefined;
}
