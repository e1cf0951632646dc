// SPDX-License-Identifier: MIT
import type { AgentCaller } from '../../../../src-shared/agent-protocol';
import type { SessionView, TouchEvent, YubikeyState } from '../../../../src-shared/models';
import { TouchroleError } from '../../../../src-shared/errors';
import type { Clock } from '../../../../src-shared/time/clock';
import type { AgentBackend } from '../../../../src-main/core/agent/backend';
import type { FingerprintedCredentials } from '../../../../src-main/core/agent/credential-cache';

/**
 * An in-memory AgentBackend: sessions in a map, a touch prompt around every elevation, and
 * switches for the failures the agent must pass on. Records every call it gets.
 */
export class FakeBackend implements AgentBackend {
  readonly calls: string[] = [];
  readonly stored = new Map<string, SessionView>();
  /** Elevations (and credential fetches) wait for this before finishing. */
  gate: Promise<void> = Promise.resolve();
  expireFails = false;
  /** What the agent's environment resolves to (see AgentBackend.identity); tests change it to stand for edits. */
  own: AgentCaller = { scope: '5'.repeat(64), fingerprint: 'f'.repeat(64), configFile: '/agent/.aws/config', credentialsFile: '/agent/.aws/credentials' };
  private readonly touchListeners = new Set<(e: TouchEvent) => void>();

  constructor(private readonly clock: Clock) {}

  async elevate(request: { profile: string; durationSeconds?: number }): Promise<SessionView> {
    this.calls.push(`elevate ${request.profile}`);
    this.failFor(request.profile);
    await this.touch(request.profile);
    const session: SessionView = {
      profile: request.profile,
      expiration: new Date(this.clock.now() + (request.durationSeconds ?? 3600) * 1000).toISOString(),
      writtenProfile: `${request.profile}-touchrole`,
    };
    this.stored.set(request.profile, session);
    return session;
  }

  renew(profile: string): Promise<SessionView> {
    this.calls.push(`renew ${profile}`);
    if (!this.stored.has(profile)) return Promise.reject(new TouchroleError('profile-not-found', `No session for ${profile}`));
    return this.elevate({ profile });
  }

  end(profile: string): Promise<void> {
    this.calls.push(`end ${profile}`);
    this.stored.delete(profile);
    return Promise.resolve();
  }

  logout(): Promise<string[]> {
    this.calls.push('logout');
    const ended = [...this.stored.keys()];
    this.stored.clear();
    return Promise.resolve(ended);
  }

  expire(profile: string): Promise<void> {
    this.calls.push(`expire ${profile}`);
    if (this.expireFails) return Promise.reject(new TouchroleError('file-locked', 'Another touchrole process holds the credentials file'));
    this.stored.delete(profile);
    return Promise.resolve();
  }

  sessions(): Promise<SessionView[]> {
    return Promise.resolve([...this.stored.values()]);
  }

  async credentialProcess(profile: string): Promise<FingerprintedCredentials> {
    this.calls.push(`credentialProcess ${profile}`);
    this.failFor(profile);
    const fingerprint = this.own.fingerprint ?? '0'.repeat(64);
    await this.touch(profile);
    const output = {
      Version: 1 as const,
      AccessKeyId: `ASIA${profile.toUpperCase()}`,
      SecretAccessKey: 'fake-secret',
      SessionToken: 'fake-token',
      Expiration: new Date(this.clock.now() + 3600_000).toISOString(),
    };
    return { output, fingerprint };
  }

  // Not recorded in `calls`: the agent asks it on every credentialProcess request.
  identity(): Promise<AgentCaller> {
    return Promise.resolve(this.own);
  }

  status(): Promise<{ yubikey: YubikeyState }> {
    return Promise.resolve({ yubikey: 'ready' });
  }

  onTouch(listener: (e: TouchEvent) => void): () => void {
    this.touchListeners.add(listener);
    return () => this.touchListeners.delete(listener);
  }

  private async touch(profile: string): Promise<void> {
    for (const l of this.touchListeners) l({ state: 'needed', profile });
    await this.gate;
    for (const l of this.touchListeners) l({ state: 'done', profile });
  }

  // Profile names that trigger failures, so tests read as what they pin.
  private failFor(profile: string): void {
    if (profile === 'locked') throw new TouchroleError('oath-locked', 'The YubiKey OATH applet is locked', { hint: 'Run "touchrole yubikey unlock".' });
    if (profile === 'crash') throw new Error('SecretAccessKey=wJalrXUtnFEMI leaked in a library message');
  }
}
