// SPDX-License-Identifier: MIT
/**
 * What `touchrole credential-process` needs before it knows whether it must elevate: the
 * cache, the agent client, paths and settings. Every `aws` command pays for loading this, so
 * it reaches past the concerns' index files to the few small modules it needs
 * (test/unit/cli/cli.test.ts checks that no SDK, PC/SC, HID or keychain module loads).
 */
export { readCachedSession, toCredentialProcessJson } from '../sessions/cache-read';
export { tryAgent } from '../agent/client';
export { askAgent } from '../agent/ask-agent';
export { agentCaller, callerIdentity } from '../sessions/fingerprint';
export { agentSocketPath } from '../agent/socket-path';
export { touchrolePaths } from '../paths';
export { loadSettings } from '../settings/load-settings';
export { cachedRoleSession, type CachedRoleSession } from './cached-role-session';
export { regionOf } from './region';
export { installSourceLines } from './source-lines';
export { execFromCache } from './exec-from-cache';
export { loadBundle } from './compile-cache';
