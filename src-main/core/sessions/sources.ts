// SPDX-License-Identifier: MIT
// Credential sources that compose like aws-vault's providers: keys -> [GetSessionToken] -> AssumeRole(s).
import { TouchroleError } from '../../../src-shared/errors';
import type { ResolutionScope } from '../../../src-shared/session-fingerprint';
import type { AwsCredentials, CallWhere, StsApi, TemporaryCredentials } from '../sts';
// The pure part of core/sts: its index would also bring the SDK adapters (and their import()s).
import { whereOf } from '../sts/client-config';
import type { SessionCache } from './cache';
import { mfaSessionFingerprint } from './fingerprint';
import type { MfaCodeSource, MfaStepLedger, MfaWait } from './mfa-ledger';
import type { AssumeRoleStep, GetSessionTokenStep, SessionPlan } from './plan';

/** Credentials with an expiry when they are a session (long-term keys have none). */
export type RetrievedCredentials = AwsCredentials & { expiration?: number };

export interface CredentialSource {
  retrieve(signal?: AbortSignal): Promise<RetrievedCredentials>;
}

/** Long-term keys for a profile: the keychain first, then the credentials file (composed by the caller). */
export type SourceKeysLookup = (profile: string) => Promise<AwsCredentials | undefined>;

/** Tries each lookup in order; the first that knows the profile wins. */
export function firstKeysFound(...lookups: SourceKeysLookup[]): SourceKeysLookup {
  return async (profile) => {
    for (const lookup of lookups) {
      const keys = await lookup(profile);
      if (keys !== undefined) return keys;
    }
    return undefined;
  };
}

/** How a source that spends an MFA code gets one: the ledger's lock and the YubiKey. */
export interface MfaGate {
  ledger: MfaStepLedger;
  codes: MfaCodeSource;
  onWait?: (wait: MfaWait) => void;
}

export class StoredKeys implements CredentialSource {
  constructor(
    private readonly profile: string,
    private readonly lookup: SourceKeysLookup,
  ) {}

  async retrieve(): Promise<RetrievedCredentials> {
    const keys = await this.lookup(this.profile);
    if (keys !== undefined) return keys;
    throw new TouchroleError('keys-not-found', `No long-term keys for profile "${this.profile}" in the keychain or the credentials file`, {
      hint: `Store them with \`touchrole keys add ${this.profile}\`.`,
    });
  }
}

/**
 * GetSessionToken, with MFA when the step says so. With MFA the session is cached (the "MFA
 * session"), and a parallel caller that was queued on the ledger lock reuses the one the first
 * caller created instead of asking for another touch.
 */
export class SessionToken implements CredentialSource {
  constructor(
    private readonly o: {
      parent: CredentialSource;
      sts: StsApi;
      step: GetSessionTokenStep;
      where: CallWhere;
      mfa: MfaGate;
      cache: SessionCache;
      scope: ResolutionScope;
    },
  ) {}

  async retrieve(signal?: AbortSignal): Promise<RetrievedCredentials> {
    const { step, sts, where, mfa, cache } = this.o;
    const { region } = where;
    const keys = await this.o.parent.retrieve(signal);
    const call = (extra: { serialNumber?: string; tokenCode?: string }): Promise<TemporaryCredentials> =>
      sts.getSessionToken({ credentials: keys, ...where, ...(signal === undefined ? {} : { signal }) }, { durationSeconds: step.durationSeconds, ...extra });
    const serial = step.mfaSerial;
    if (serial === undefined) return call({});
    const key = { kind: 'mfa-session', sourceProfile: step.profile, mfaSerial: serial } as const;
    // Reused only while made from the same keys, serial, duration and partition (and files, settings).
    const fingerprint = mfaSessionFingerprint(this.o.scope, {
      sourceProfile: step.profile,
      accessKeyId: keys.accessKeyId,
      mfaSerial: serial,
      durationSeconds: step.durationSeconds,
      ...(region === undefined ? {} : { region }),
    });
    const cached = await cache.get(key, fingerprint);
    if (cached !== undefined) return cached;
    return mfa.ledger.withMfaCode(
      serial,
      mfa.codes,
      async (code) => {
        const creds = await call({ serialNumber: serial, tokenCode: code });
        await cache.put(key, { kind: 'mfa-session', profile: step.profile, mfaSerial: serial, fingerprint, ...creds });
        return creds;
      },
      { reuse: () => cache.get(key, fingerprint), ...options(signal, mfa.onWait) },
    );
  }
}

export class AssumeRole implements CredentialSource {
  constructor(private readonly o: { parent: CredentialSource; sts: StsApi; step: AssumeRoleStep; roleSessionName: string; where: CallWhere; mfa: MfaGate }) {}

  async retrieve(signal?: AbortSignal): Promise<TemporaryCredentials> {
    const { step, sts, where, mfa } = this.o;
    const credentials = await this.o.parent.retrieve(signal);
    const ctx = { credentials, ...where, ...(signal === undefined ? {} : { signal }) };
    const input = {
      roleArn: step.roleArn,
      roleSessionName: step.roleSessionName ?? this.o.roleSessionName,
      durationSeconds: step.durationSeconds,
      ...(step.externalId === undefined ? {} : { externalId: step.externalId }),
    };
    const serial = step.mfaSerial;
    if (serial === undefined) return (await sts.assumeRole(ctx, input)).credentials;
    return mfa.ledger.withMfaCode(
      serial,
      mfa.codes,
      async (code) => (await sts.assumeRole(ctx, { ...input, serialNumber: serial, tokenCode: code })).credentials,
      options(signal, mfa.onWait),
    );
  }
}

export interface ChainDeps {
  sts: StsApi;
  sourceKeys: SourceKeysLookup;
  mfa: MfaGate;
  cache: SessionCache;
  scope: ResolutionScope;
  roleSessionName: string;
}

/** The sources for a plan, innermost (long-term keys) first; returns the outermost. */
export function sourceForPlan(plan: SessionPlan, deps: ChainDeps): CredentialSource {
  const where = whereOf(plan);
  let source: CredentialSource = new StoredKeys(plan.sourceProfile, deps.sourceKeys);
  for (const step of plan.steps) {
    source =
      step.call === 'GetSessionToken'
        ? new SessionToken({ parent: source, sts: deps.sts, step, mfa: deps.mfa, cache: deps.cache, scope: deps.scope, where })
        : new AssumeRole({ parent: source, sts: deps.sts, step, roleSessionName: deps.roleSessionName, mfa: deps.mfa, where });
  }
  return source;
}

function options(signal: AbortSignal | undefined, onWait: ((w: MfaWait) => void) | undefined): { signal?: AbortSignal; onWait?: (w: MfaWait) => void } {
  return { ...(signal === undefined ? {} : { signal }), ...(onWait === undefined ? {} : { onWait }) };
}
