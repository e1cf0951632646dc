// SPDX-License-Identifier: MIT
import type { CredentialProcessOutput } from '../../../src-shared/agent-protocol';
import type { Clock } from '../../../src-shared/time/clock';

/** credential_process JSON and the fingerprint of what its session was made from (core/sessions/fingerprint.ts). */
export interface FingerprintedCredentials {
  output: CredentialProcessOutput;
  fingerprint: string;
}

/**
 * The agent's in-memory credential_process answers: served while more than `refreshWindowMs`
 * remain and only to a request whose fingerprint (what the profile resolves to now) is the one
 * the session was made from, and one fetch per profile and fingerprint at a time, so a burst of
 * callers (a Terraform run refreshing many providers) causes one touch prompt, not one each.
 */
export class CredentialCache {
  private readonly entries = new Map<string, FingerprintedCredentials>();
  private readonly inFlight = new Map<string, Promise<FingerprintedCredentials>>();
  /** Bumped by forget/forgetAll: a fetch that was in flight then must not store what it got. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly refreshWindowMs: number,
  ) {}

  /**
   * `fingerprint`: what `profile` resolves to now; undefined when the agent cannot tell (its AWS
   * files do not parse), and then nothing is served from memory: `fetch` reports the problem.
   */
  async get(profile: string, fingerprint: string | undefined, fetch: (profile: string) => Promise<FingerprintedCredentials>): Promise<CredentialProcessOutput> {
    const cached = this.entries.get(profile);
    if (cached !== undefined && fingerprint !== undefined && cached.fingerprint === fingerprint && this.fresh(cached.output)) return cached.output;
    const flightKey = `${profile}\n${fingerprint ?? ''}`;
    let pending = this.inFlight.get(flightKey);
    if (pending === undefined) {
      const generation = this.generation;
      const started: Promise<FingerprintedCredentials> = fetch(profile)
        .then((got) => {
          // An end or logout ran while this fetch was in flight: the session it made is not to be served again.
          if (generation === this.generation) this.entries.set(profile, got);
          return got;
        })
        .finally(() => {
          if (this.inFlight.get(flightKey) === started) this.inFlight.delete(flightKey);
        });
      pending = started;
      this.inFlight.set(flightKey, pending);
    }
    return (await pending).output;
  }

  /** Forget a profile's credentials (its session was ended). */
  forget(profile: string): void {
    this.generation++;
    this.entries.delete(profile);
    // Later callers start a fetch of their own rather than join one from before the end.
    for (const key of this.inFlight.keys()) if (key.startsWith(`${profile}\n`)) this.inFlight.delete(key);
  }

  /** Forget every profile's credentials (logout). */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.inFlight.clear();
  }

  private fresh(output: CredentialProcessOutput): boolean {
    return Date.parse(output.Expiration) - this.clock.now() > this.refreshWindowMs;
  }
}
