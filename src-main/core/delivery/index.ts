// SPDX-License-Identifier: MIT
/** Handing a session to other programs: `touchrole exec` (environment or loopback endpoint) and `touchrole export`. */
export { checkNotNested, childEnv, CREDENTIAL_SELECTORS, EXEC_MARKER, type Delivery, type SessionCredentials } from './child-env';
export { CREDENTIALS_PATH, startCredentialsServer, type CredentialsServer, type CredentialsServerOptions } from './credentials-server';
export { RenewingSession, type RenewingSessionOptions } from './renewing-session';
export { FORWARDED_SIGNALS, runChild, type RunChildOptions, type SignalSource } from './run-child';
export { MIN_REMAINING_MS, type DeliveredSession, type SessionRequest, type SessionSource } from './session-source';
