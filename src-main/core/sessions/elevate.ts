// SPDX-License-Identifier: MIT
import { join } from 'node:path';
import type { CredentialProcessOutput } from '../../../src-shared/agent-protocol';
import { BugError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import type { AwsProfile } from '../aws-config';
import { withFileLock } from '../fs/file-lock';
import type { StsApi, TemporaryCredentials } from '../sts';
import type { ResolutionScope } from '../../../src-shared/session-fingerprint';
import type { SessionCache } from './cache';
import { safeName, toCredentialProcessJson, type CacheKey } from './cache-read';
import { roleSessionFingerprint } from './fingerprint';
import type { MfaCodeSource, MfaStepLedger, MfaWait } from './mfa-ledger';
import { planFor, type PlanRequest, type SessionPlan } from './plan';
import { sourceForPlan, type SourceKeysLookup } from './sources';

/** Everything an elevation needs, injected by the composition root (CLI, agent, app). */
export interface ElevateDeps {
  profiles: ReadonlyMap<string, AwsProfile>;
  /** Keychain first, then the credentials file (see firstKeysFound). */
  sourceKeys: SourceKeysLookup;
  /** The YubiKey reader (with its touch prompt). */
  mfaCode: MfaCodeSource;
  sts: StsApi;
  clock: Clock;
  ledger: MfaStepLedger;
  cache: SessionCache;
  /** The caller's files and settings (resolutionScope(env)): part of every cache entry's fingerprint. */
  scope: ResolutionScope;
  /** Used when a profile has no role_session_name; see defaultRoleSessionName. */
  roleSessionName: string;
  /** Tell the user why nothing happens for a few seconds (a code of this step was already used). */
  onMfaWait?: (wait: MfaWait) => void;
}

export interface ElevateRequest extends PlanRequest {
  profile: string;
  /**
   * Serve a cached role session with enough time left (credential_process) instead of a new
   * one (`touchrole elevate`, which the user runs to get a fresh, full-length session).
   */
  reuseCached?: boolean;
  signal?: AbortSignal;
  /**
   * What else is done with the session before elevate resolves (touchrole elevate: the credentials
   * file). For a new session it runs beside the cache's write of it, so that the two files' writes
   * and fsyncs overlap; elevate resolves once both are done, and fails if either failed.
   */
  alongside?: (credentials: TemporaryCredentials) => Promise<void>;
}

export interface ElevatedSession {
  profile: string;
  /** The role assumed last; undefined for a source profile's session token. */
  roleArn?: string;
  /** ISO 8601. */
  expiration: string;
  credentials: TemporaryCredentials;
  plan: SessionPlan;
  /** What the session was made from (see roleSessionFingerprint); the agent keys its memory on it. */
  fingerprint: string;
  fromCache: boolean;
}

/**
 * Plans (validating everything first), then runs the chain. With reuseCached, callers for the
 * same profile are serialised by a per-profile lock, so a burst of credential_process calls
 * makes one elevation and the rest read its cache entry.
 */
export async function elevate(deps: ElevateDeps, request: ElevateRequest): Promise<ElevatedSession> {
  const plan = planFor(request.profile, deps.profiles, request);
  const last = plan.steps[plan.steps.length - 1];
  const roleArn = last?.call === 'AssumeRole' ? last.roleArn : undefined;
  const key: CacheKey = { kind: 'role-session', profile: plan.profile };
  const fingerprint = roleSessionFingerprint(deps.scope, (name) => deps.profiles.get(name)?.settings, plan.profile, {
    ...(request.durationSeconds === undefined ? {} : { durationSeconds: request.durationSeconds }),
    ...(request.defaultDurationSeconds === undefined ? {} : { defaultDurationSeconds: request.defaultDurationSeconds }),
    ...(request.mfaMode === undefined ? {} : { mfaMode: request.mfaMode }),
  });
  const result = (credentials: TemporaryCredentials, fromCache: boolean): ElevatedSession => ({
    profile: plan.profile,
    ...(roleArn === undefined ? {} : { roleArn }),
    expiration: new Date(credentials.expiration).toISOString(),
    credentials,
    plan,
    fingerprint,
    fromCache,
  });

  const run = async (): Promise<ElevatedSession> => {
    if (request.reuseCached === true) {
      // A session made from other inputs (role_arn edited since, another AWS_CONFIG_FILE...) is a miss.
      const hit = await deps.cache.get(key, fingerprint);
      if (hit !== undefined) {
        const cached = asTemporary(hit);
        await request.alongside?.(cached);
        return result(cached, true);
      }
    }
    const source = sourceForPlan(plan, {
      sts: deps.sts,
      sourceKeys: deps.sourceKeys,
      mfa: { ledger: deps.ledger, codes: deps.mfaCode, ...(deps.onMfaWait === undefined ? {} : { onWait: deps.onMfaWait }) },
      cache: deps.cache,
      scope: deps.scope,
      roleSessionName: deps.roleSessionName,
    });
    const got = await source.retrieve(request.signal);
    const credentials = asTemporary(got);
    const writes = await Promise.allSettled([
      deps.cache.put(key, { kind: 'role-session', profile: plan.profile, ...(roleArn === undefined ? {} : { roleArn }), fingerprint, ...credentials }),
      request.alongside?.(credentials),
    ]);
    for (const w of writes) if (w.status === 'rejected') throw w.reason;
    return result(credentials, false);
  };
  if (request.reuseCached !== true) return run();
  return withFileLock(join(deps.cache.dir, 'locks', `profile.${safeName(plan.profile)}.lock`), run, { timeoutMs: 240_000, staleMs: 10 * 60_000 });
}

/** credential_process output for a session (Version 1, ISO expiration). */
export function credentialProcessJson(session: ElevatedSession): CredentialProcessOutput {
  return toCredentialProcessJson(session.credentials);
}

function asTemporary(c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: number }): TemporaryCredentials {
  // Every plan ends in an STS call, so the outermost source always yields a session.
  if (c.sessionToken === undefined || c.expiration === undefined) throw new BugError('the plan ended without an STS call');
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration };
}
