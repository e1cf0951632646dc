// SPDX-License-Identifier: MIT
// Which STS calls an elevation makes, as data with reasons (aws-vault's model). Pure: no I/O, no clock.
import { TouchroleError } from '../../../src-shared/errors';
import { formatDuration } from '../../../src-shared/time/duration';
import { resolveRoleChain, type AwsProfile } from '../aws-config';
// The pure part of core/sts: its index would also bring the SDK adapters (and their import()s).
import { clientSettingsOf } from '../sts/client-config';
import type { CallWhere, ClientSettings } from '../sts';
import { DEFAULT_MFA_SESSION_SECONDS, INTERMEDIATE_ROLE_SECONDS, STS_LIMITS } from '../../../src-shared/rules';
import { checkRange } from './durations';

/**
 * 'mfa-session': GetSessionToken with the code (one touch, reused until it expires), then
 * AssumeRole without a code; AWS caps those role sessions at 1 hour.
 * 'direct': AssumeRole with the code; the role session can last up to the role's maximum.
 */
export type MfaMode = 'mfa-session' | 'direct';

/** Config-profile key overriding the default mode: `touchrole_mfa_mode = session | direct`. */
export const MFA_MODE_KEY = 'touchrole_mfa_mode';

export interface PlanRequest {
  /** The length of the final session; default: the profile's duration_seconds, then defaultDurationSeconds. */
  durationSeconds?: number;
  /** From settings (default 3600). */
  defaultDurationSeconds?: number;
  /** Per-call override of the MFA mode. */
  mfaMode?: MfaMode;
  /** Length of the MFA session in mfa-session mode (default 12 h). */
  mfaSessionSeconds?: number;
}

export interface GetSessionTokenStep {
  call: 'GetSessionToken';
  /** The profile whose long-term keys sign it. */
  profile: string;
  durationSeconds: number;
  /** Set when this call spends the MFA code. */
  mfaSerial?: string;
  reason: string;
}

export interface AssumeRoleStep {
  call: 'AssumeRole';
  profile: string;
  roleArn: string;
  durationSeconds: number;
  externalId?: string;
  roleSessionName?: string;
  /** Set when this call spends the MFA code. */
  mfaSerial?: string;
  reason: string;
}

export type PlanStep = GetSessionTokenStep | AssumeRoleStep;

export interface MfaDecision {
  serial: string;
  mode: MfaMode;
  /** Why this mode: a per-call choice, the profile key, or the default from the duration. */
  reason: string;
}

export interface SessionPlan {
  profile: string;
  /** The profile whose long-term keys sign the first call. */
  sourceProfile: string;
  /** Region for every STS call: the profile's, else the source profile's (adapters default to us-east-1). */
  region?: string;
  /** The profile's client settings (use_fips_endpoint...), as botocore takes them: from the profile in use alone. */
  clientSettings: ClientSettings;
  /** Undefined when no profile in the chain has mfa_serial. */
  mfa?: MfaDecision;
  steps: PlanStep[];
  /** Length of the final session. */
  durationSeconds: number;
  /** Why the final duration is capped where it is. */
  durationLimit: string;
}

/** Plans the elevation of `profileName`. Throws profile-* or duration-invalid before anything is called. */
export function planFor(profileName: string, profiles: ReadonlyMap<string, AwsProfile>, request: PlanRequest = {}): SessionPlan {
  const chain = resolveRoleChain(profiles, profileName);
  const source = chain.source;
  if (source === undefined) {
    throw new TouchroleError(
      'profile-invalid',
      `Profile "${profileName}" uses credential_source = ${chain.credentialSource ?? '?'}, which touchrole does not support`,
      {
        hint: 'Point source_profile at a profile with long-term keys (`touchrole keys add <profile>`).',
      },
    );
  }
  const roles = chain.roles;
  const target = roles[roles.length - 1] ?? source;
  const region = target.region ?? source.region;
  const wanted = request.durationSeconds ?? target.durationSeconds ?? request.defaultDurationSeconds ?? 3600;
  const mfaIndex = roles.findIndex((r) => r.mfaSerial !== undefined);
  const serial = roles[mfaIndex]?.mfaSerial ?? source.mfaSerial;
  const base = { profile: target.name, sourceProfile: source.name, clientSettings: profileClientSettings(target), ...(region === undefined ? {} : { region }) };

  if (roles.length === 0) {
    const limit = 'for GetSessionToken';
    checkRange('A session token', wanted, STS_LIMITS.getSessionTokenMin, STS_LIMITS.getSessionTokenMax, limit);
    const step: GetSessionTokenStep = {
      call: 'GetSessionToken',
      profile: source.name,
      durationSeconds: wanted,
      reason: serial === undefined ? 'no role_arn: a session token for the long-term keys' : 'no role_arn: a session token with MFA for the long-term keys',
      ...(serial === undefined ? {} : { mfaSerial: serial }),
    };
    const mfa: MfaDecision | undefined =
      serial === undefined
        ? undefined
        : { serial, mode: 'mfa-session', reason: 'the profile has no role: GetSessionToken is the only call that can take the code' };
    return { ...base, ...(mfa === undefined ? {} : { mfa }), steps: [step], durationSeconds: wanted, durationLimit: limit };
  }

  const mfa = serial === undefined ? undefined : decideMode(serial, target, wanted, request.mfaMode);
  const chained = roles.length > 1;
  const viaSession = mfa?.mode === 'mfa-session';
  const limit = chained
    ? 'because role chaining (a role as source_profile) is capped at 1h by AWS'
    : viaSession
      ? `because roles assumed with an MFA session are capped at 1h by AWS (set ${MFA_MODE_KEY} = direct for longer sessions)`
      : "for AssumeRole, and AWS also enforces the role's MaxSessionDuration";
  const max = chained || viaSession ? STS_LIMITS.chainedRoleMax : STS_LIMITS.assumeRoleMax;
  checkRange('A role session', wanted, STS_LIMITS.assumeRoleMin, max, limit);

  const steps: PlanStep[] = [];
  if (mfa !== undefined && viaSession) {
    const seconds = request.mfaSessionSeconds ?? DEFAULT_MFA_SESSION_SECONDS;
    checkRange('The MFA session', seconds, STS_LIMITS.getSessionTokenMin, STS_LIMITS.getSessionTokenMax, 'for GetSessionToken');
    steps.push({
      call: 'GetSessionToken',
      profile: source.name,
      durationSeconds: seconds,
      mfaSerial: mfa.serial,
      reason: `MFA session: the one call that spends a code; later elevations reuse it for ${formatDuration(seconds)}`,
    });
  }
  // With mfa_serial only on the source profile (aws-vault's inheritance), the first hop takes the code.
  const codeHop = mfaIndex >= 0 ? mfaIndex : 0;
  roles.forEach((role, i) => {
    const last = i === roles.length - 1;
    const spendsCode = mfa !== undefined && !viaSession && i === codeHop;
    const step: AssumeRoleStep = {
      call: 'AssumeRole',
      profile: role.name,
      roleArn: role.roleArn ?? '',
      durationSeconds: last ? wanted : INTERMEDIATE_ROLE_SECONDS,
      reason: hopReason(role, i, roles, spendsCode, viaSession, codeHop),
      ...(role.externalId === undefined ? {} : { externalId: role.externalId }),
      ...(role.roleSessionName === undefined ? {} : { roleSessionName: role.roleSessionName }),
      ...(spendsCode && mfa !== undefined ? { mfaSerial: mfa.serial } : {}),
    };
    steps.push(step);
  });
  return { ...base, ...(mfa === undefined ? {} : { mfa }), steps, durationSeconds: wanted, durationLimit: limit };
}

function decideMode(serial: string, target: AwsProfile, wanted: number, asked: MfaMode | undefined): MfaDecision {
  if (asked !== undefined) return { serial, mode: asked, reason: `${asked} was asked for on this call` };
  const configured = target.settings.get(MFA_MODE_KEY);
  if (configured !== undefined) {
    if (configured === 'session' || configured === 'direct') {
      return { serial, mode: configured === 'session' ? 'mfa-session' : 'direct', reason: `${MFA_MODE_KEY} = ${configured} in profile "${target.name}"` };
    }
    throw new TouchroleError('profile-invalid', `Profile "${target.name}": ${MFA_MODE_KEY} must be session or direct`, {
      hint: 'session: one touch a day, role sessions up to 1h; direct: a touch per elevation, sessions up to the role maximum.',
    });
  }
  if (wanted > STS_LIMITS.chainedRoleMax) {
    return { serial, mode: 'direct', reason: `${formatDuration(wanted)} was asked for: longer than the 1h AWS allows for roles assumed with an MFA session` };
  }
  return { serial, mode: 'mfa-session', reason: `${formatDuration(wanted)} fits in 1h: one touch serves every role until the MFA session expires` };
}

function hopReason(role: AwsProfile, i: number, roles: readonly AwsProfile[], spendsCode: boolean, viaSession: boolean, codeHop: number): string {
  const from = i === 0 ? (viaSession ? 'signed with the MFA session' : 'signed with the long-term keys') : `chained from ${roles[i - 1]?.name ?? '?'}`;
  if (spendsCode) return `${from}; spends the MFA code here`;
  if (role.mfaSerial !== undefined && viaSession) return `${from}; no code: the MFA session already carries MFA`;
  if (role.mfaSerial !== undefined && i > codeHop)
    return `${from}; no code: MFA was spent at ${roles[codeHop]?.name ?? '?'} and the chained session carries it`;
  return from;
}

/** The client settings of `profile` (use_fips_endpoint...): its own values, as botocore takes them. */
function profileClientSettings(profile: AwsProfile): ClientSettings {
  return clientSettingsOf((key) => {
    const v = profile.settings.get(key);
    return typeof v === 'string' ? v : undefined;
  });
}

/** Where calls made as `profile` go: its region and its client settings. */
export function profileWhere(profile: AwsProfile): CallWhere {
  return { clientSettings: profileClientSettings(profile), ...(profile.region === undefined ? {} : { region: profile.region }) };
}
