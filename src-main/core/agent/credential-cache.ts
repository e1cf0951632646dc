// SPDX-License-Identifier: MIT
import type { CredentialProcessOutput } from '../../../src-shared/agent-protocol';
import type { Clock } from '../../../src-shared/time/clock';

/**
 * The agent's in-memory credential_process answers: served while more than `refreshWindowMs`
 * remain, and one fetch per profile at a time, so a burst of callers (a Terraform run
 * refreshing many providers) causes one touch prompt, not one each.
 */
export class CredentialCache {
  private readonly entries = new Map<string, CredentialProcessOutput>();
  private readonly inFlight = new Map<string, Promise<CredentialProcessOutput>>();

  constructor(
    private readonly clock: Clock,
    private readonly refreshWindowMs: number,
  ) {}

  get(profile: string, fetch: (profile: string) => Promise<CredentialProcessOutput>): Promise<CredentialProcessOutput> {
    const cached = this.entries.get(profile);
    if (cached !== undefined && Date.parse(cached.Expiration) - this.clock.now() > this.refreshWindowMs) return Promise.resolve(cached);
    const pending = this.inFlight.get(profile);
    if (pending !== undefined) return pending;
    const started = fetch(profile)
      .then((creds) => {
        this.entries.set(profile, creds);
        return creds;
      })
      .finally(() => this.inFlight.delete(profile));
    this.inFlight.set(profile, started);
    return started;
  }

  /** Forget a profile's credentials (its session was ended). */
  forget(profile: string): void {
    this.entries.delete(profile);
  }
}
