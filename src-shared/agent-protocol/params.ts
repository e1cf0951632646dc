// SPDX-License-Identifier: MIT
/** Each method's params check: exactly the declared fields, each one valid (limits from rules.ts). */
import { checkDurationSeconds, checkProfileName, hasControlCharacter } from '../rules';
import { isRecord } from './guards';
import type { AgentMethod } from './messages';

export const PARAM_GUARDS: { [M in AgentMethod]: (p: Record<string, unknown>) => string | undefined } = {
  ping: noParams,
  credentialProcess: (p) => onlyKeys(p, ['profile', 'caller']) ?? checkProfile(p['profile']) ?? checkCaller(p['caller']),
  elevate: (p) => onlyKeys(p, ['profile', 'durationSeconds']) ?? checkProfile(p['profile']) ?? checkDuration(p['durationSeconds']),
  'sessions.list': noParams,
  'sessions.end': profileOnly,
  'sessions.logout': noParams,
  'sessions.renew': profileOnly,
  status: noParams,
  subscribe: noParams,
};

export const AGENT_METHODS = Object.keys(PARAM_GUARDS) as AgentMethod[];

export function isAgentMethod(m: string): m is AgentMethod {
  return Object.prototype.hasOwnProperty.call(PARAM_GUARDS, m);
}

function noParams(p: Record<string, unknown>): string | undefined {
  return onlyKeys(p, []);
}

function profileOnly(p: Record<string, unknown>): string | undefined {
  return onlyKeys(p, ['profile']) ?? checkProfile(p['profile']);
}

function checkProfile(v: unknown): string | undefined {
  const problem = checkProfileName(v);
  return problem === undefined ? undefined : `profile ${problem}`;
}

function checkCaller(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) return 'caller must be an object';
  const sha256 = /^[0-9a-f]{64}$/;
  const path = (x: unknown): boolean => typeof x === 'string' && x.length > 0 && x.length <= 4096 && !hasControlCharacter(x);
  return (
    onlyKeys(v, ['scope', 'fingerprint', 'configFile', 'credentialsFile']) ??
    (typeof v['scope'] === 'string' && sha256.test(v['scope']) ? undefined : 'caller.scope must be a sha256 in hex') ??
    (v['fingerprint'] === undefined || (typeof v['fingerprint'] === 'string' && sha256.test(v['fingerprint']))
      ? undefined
      : 'caller.fingerprint must be a sha256 in hex') ??
    (path(v['configFile']) && path(v['credentialsFile']) ? undefined : 'caller.configFile and caller.credentialsFile must be paths')
  );
}

// The widest range any STS call accepts; the exact per-call limits are checked where the call is made.
function checkDuration(v: unknown): string | undefined {
  const problem = v === undefined ? undefined : checkDurationSeconds(v);
  return problem === undefined ? undefined : `durationSeconds ${problem}`;
}

export function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `unexpected field ${JSON.stringify(extra.slice(0, 64))}`;
}
