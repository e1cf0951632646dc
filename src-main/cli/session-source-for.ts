// SPDX-License-Identifier: MIT
// The adapter from delivery's SessionSource to the core service: the one file to re-point when
// the core's sessions service replaces TouchroleService.
import type { DeliveredSession, SessionSource } from '../core/delivery';
import type { CliContext } from './command';
import { serviceFor } from './service-for';
import { tellAgent } from './tell-agent';

/**
 * Sessions for exec/export through TouchroleService.elevate: the same cache (a cached session
 * with more than `minRemainingMs` left is served), MFA ledger and touch prompt as
 * credential_process, and a new session is told to a running agent like `touchrole elevate`'s.
 */
export function sessionSourceFor(ctx: CliContext): SessionSource {
  const service = serviceFor(ctx);
  return {
    async session(profile, request): Promise<DeliveredSession> {
      const duration = request.durationSeconds === undefined ? {} : { durationSeconds: request.durationSeconds };
      let s = await service.elevate(profile, { write: false, reuseCached: true, ...duration });
      // The cache's own window is settings' refresh_minutes; the caller may need more (a renewal).
      if (s.fromCache && s.credentials.expiration - ctx.clock.now() <= request.minRemainingMs) {
        s = await service.elevate(profile, { write: false, reuseCached: false, ...duration });
      }
      if (!s.fromCache) await tellAgent(ctx, 'sessions.list', {});
      return {
        profile,
        credentials: s.credentials,
        ...(s.plan.region === undefined ? {} : { region: s.plan.region }),
        ...(s.roleArn === undefined ? {} : { roleArn: s.roleArn }),
      };
    },
  };
}
