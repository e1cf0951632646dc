// SPDX-License-Identifier: MIT
// Public API of core/sessions: the elevation plan, MFA time-step bookkeeping, the session cache, elevate.
// Nothing here loads the AWS SDK, PC/SC or the keychain (test/unit/core/sessions/cache-hit-imports.test.ts).
export {
  planFor,
  profileWhere,
  MFA_MODE_KEY,
  type MfaMode,
  type PlanRequest,
  type PlanStep,
  type GetSessionTokenStep,
  type AssumeRoleStep,
  type MfaDecision,
  type SessionPlan,
} from './plan';
export {
  readCachedSession,
  readCacheEntry,
  toCredentialProcessJson,
  cacheFileName,
  DEFAULT_REFRESH_WINDOW_MS,
  type CacheKey,
  type CachedSession,
} from './cache-read';
export { SessionCache, type SessionCacheOptions } from './cache';
export { MfaStepLedger, type MfaCodeSource, type MfaWait, type MfaStepLedgerOptions, type WithMfaCodeOptions } from './mfa-ledger';
export {
  firstKeysFound,
  sourceForPlan,
  StoredKeys,
  SessionToken,
  AssumeRole,
  type CredentialSource,
  type RetrievedCredentials,
  type SourceKeysLookup,
  type MfaGate,
  type ChainDeps,
} from './sources';
export { elevate, credentialProcessJson, type ElevateDeps, type ElevateRequest, type ElevatedSession } from './elevate';
export { defaultRoleSessionName } from './role-session-name';
export { listCachedRoleSessions, type CachedRoleSession } from './cached-sessions';
export { resolutionScope, scopeDigest, roleSessionFingerprint, mfaSessionFingerprint, callerIdentity, agentCaller, type CallerIdentity } from './fingerprint';
export { dropMfaSessionsOf } from './drop-mfa-sessions';
