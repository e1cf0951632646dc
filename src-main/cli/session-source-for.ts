// SPDX-License-Identifier: MIT
// The adapter from delivery's SessionSource to the core's sessions service, the agent asked first.
import { agentCaller, agentSocketPath, askAgent, callerIdentity } from '../core/hot-path';
import type { DeliveredSession, SessionRequest, SessionSource } from '../core/service';
import type { CliContext } from './command';
import { serviceFor } from './service-for';
import { tellAgent } from './tell-agent';

// As credential-process: long enough for a touch, the ledger's wait for a fresh step and STS.
const AGENT_TIMEOUT_MS = 120_000;

/**
 * Sessions for exec/export with the same cache, MFA ledger and touch prompt as
 * credential_process: a running agent (the tray) is asked first, so its touch prompt shows and
 * it lists the session; else the sessions service elevates here, which tells the agent afterwards.
 * A cached session is served only with more than `minRemainingMs` left.
 */
export function sessionSourceFor(ctx: CliContext): SessionSource {
  const service = serviceFor(ctx);
  return {
    async session(profile, request): Promise<DeliveredSession> {
      // Planned first: a profile that cannot be elevated fails before any agent, touch or STS call.
      const plan = await service.profiles.plan(profile, request.durationSeconds);
      const region = plan.region === undefined ? {} : { region: plan.region };
      const viaAgent = request.durationSeconds === undefined ? await fromAgent(ctx, profile, request, service) : undefined;
      if (viaAgent !== undefined) return { profile, credentials: viaAgent, ...region };
      const duration = request.durationSeconds === undefined ? {} : { durationSeconds: request.durationSeconds };
      let s = await service.sessions.cached(profile, duration);
      // The cache's own window is settings' refresh_minutes; the caller may need more (a renewal).
      if (s.fromCache && s.credentials.expiration - ctx.clock.now() <= request.minRemainingMs) {
        s = await service.sessions.cached(profile, { ...duration, reuseCached: false });
      }
      if (!s.fromCache) await tellAgent(ctx, 'sessions.list', {});
      return { profile, credentials: s.credentials, ...region, ...(s.roleArn === undefined ? {} : { roleArn: s.roleArn }) };
    },
  };
}

/**
 * The agent's credential_process answer when an agent runs, resolves the profile as this
 * environment does (else it declines) and the session has enough time left.
 */
async function fromAgent(
  ctx: CliContext,
  profile: string,
  request: SessionRequest,
  service: { settings(): Promise<{ defaultDurationSeconds: number }> },
): Promise<DeliveredSession['credentials'] | undefined> {
  const { defaultDurationSeconds } = await service.settings();
  const caller = agentCaller(await callerIdentity(ctx.env, profile, { defaultDurationSeconds }));
  const out = await askAgent(
    { method: 'credentialProcess', params: { profile, caller } },
    { socketPath: agentSocketPath({ env: ctx.env }), timeoutMs: AGENT_TIMEOUT_MS },
  );
  if (out === undefined) return undefined;
  const expiration = Date.parse(out.Expiration);
  if (!(expiration - ctx.clock.now() > request.minRemainingMs)) return undefined;
  return { accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey, sessionToken: out.SessionToken, expiration };
}
