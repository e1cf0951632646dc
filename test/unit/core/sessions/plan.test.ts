// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../src-shared/errors';
import { TouchroleError } from '../../../../src-shared/errors';
import { planFor, type PlanRequest } from '../../../../src-main/core/sessions';
import { CONFIG, CREDENTIALS, MFA, profilesFrom } from '../../../support/profiles-fixture';

const profiles = profilesFrom(CONFIG, CREDENTIALS);

/** A plan in one line per step: "GST base 43200 mfa" / "AR admin 3600". */
function shape(profile: string, request: PlanRequest = {}): { mode: string; steps: string[]; duration: number } {
  const plan = planFor(profile, profiles, request);
  return {
    mode: plan.mfa?.mode ?? 'none',
    steps: plan.steps.map((s) => `${s.call === 'GetSessionToken' ? 'GST' : 'AR'} ${s.profile} ${s.durationSeconds}${s.mfaSerial === undefined ? '' : ' mfa'}`),
    duration: plan.durationSeconds,
  };
}

describe('planFor: the chain and where the code is spent', () => {
  it.each<[string, string, PlanRequest, { mode: string; steps: string[]; duration: number }]>([
    [
      'role with MFA, 1h: MFA session by default (one touch a day)',
      'admin',
      {},
      { mode: 'mfa-session', steps: ['GST base 43200 mfa', 'AR admin 3600'], duration: 3600 },
    ],
    ['role with MFA, 45m', 'admin', { durationSeconds: 2700 }, { mode: 'mfa-session', steps: ['GST base 43200 mfa', 'AR admin 2700'], duration: 2700 }],
    [
      'role with MFA, 8h asked: direct (MFA-session roles are capped at 1h)',
      'admin',
      { durationSeconds: 28800 },
      { mode: 'direct', steps: ['AR admin 28800 mfa'], duration: 28800 },
    ],
    ['duration_seconds in the profile drives the default', 'admin-long', {}, { mode: 'direct', steps: ['AR admin-long 28800 mfa'], duration: 28800 }],
    ['touchrole_mfa_mode = direct overrides the default', 'admin-direct', {}, { mode: 'direct', steps: ['AR admin-direct 3600 mfa'], duration: 3600 }],
    [
      'touchrole_mfa_mode = session',
      'admin-session',
      { durationSeconds: 1800 },
      { mode: 'mfa-session', steps: ['GST base 43200 mfa', 'AR admin-session 1800'], duration: 1800 },
    ],
    [
      'per-call mode beats the profile key',
      'admin-session',
      { mfaMode: 'direct', durationSeconds: 7200 },
      { mode: 'direct', steps: ['AR admin-session 7200 mfa'], duration: 7200 },
    ],
    [
      'the MFA session length is configurable',
      'admin',
      { mfaSessionSeconds: 129600 },
      { mode: 'mfa-session', steps: ['GST base 129600 mfa', 'AR admin 3600'], duration: 3600 },
    ],
    ['role without MFA: straight AssumeRole', 'readonly', { durationSeconds: 43200 }, { mode: 'none', steps: ['AR readonly 43200'], duration: 43200 }],
    [
      'mfa_serial only on the source profile: inherited, spent at the first hop',
      'inherit',
      { mfaMode: 'direct' },
      { mode: 'direct', steps: ['AR inherit 3600 mfa'], duration: 3600 },
    ],
    [
      'chain, direct: code spent at the first hop, later hops chain at 1h max',
      'deep',
      { mfaMode: 'direct' },
      { mode: 'direct', steps: ['AR admin 900 mfa', 'AR deep 3600'], duration: 3600 },
    ],
    [
      'chain, MFA session: no code on any AssumeRole',
      'deep',
      {},
      { mode: 'mfa-session', steps: ['GST base 43200 mfa', 'AR admin 900', 'AR deep 3600'], duration: 3600 },
    ],
    [
      'source profile with mfa_serial: GetSessionToken with MFA',
      'base-mfa',
      { durationSeconds: 129600 },
      { mode: 'mfa-session', steps: ['GST base-mfa 129600 mfa'], duration: 129600 },
    ],
    ['source profile without MFA: a plain session token', 'base', {}, { mode: 'none', steps: ['GST base 3600'], duration: 3600 }],
    [
      'settings default duration applies when nothing else says',
      'readonly',
      { defaultDurationSeconds: 1800 },
      { mode: 'none', steps: ['AR readonly 1800'], duration: 1800 },
    ],
  ])('%s', (_, profile, request, expected) => {
    expect(shape(profile, request)).toEqual(expected);
  });

  it('says which mode was used and why', () => {
    expect(planFor('admin', profiles).mfa).toEqual({
      serial: MFA,
      mode: 'mfa-session',
      reason: '1h fits in 1h: one touch serves every role until the MFA session expires',
    });
    expect(planFor('admin', profiles, { durationSeconds: 7200 }).mfa?.reason).toMatch(/^2h was asked for: longer than the 1h/);
    expect(planFor('admin-direct', profiles).mfa?.reason).toBe('touchrole_mfa_mode = direct in profile "admin-direct"');
    expect(planFor('admin', profiles, { mfaMode: 'direct' }).mfa?.reason).toBe('direct was asked for on this call');
  });

  it('carries role details and per-hop reasons', () => {
    const plan = planFor('deep', profiles, { mfaMode: 'direct' });
    expect(plan.sourceProfile).toBe('base');
    expect(plan.region).toBe('eu-west-1');
    expect(plan.steps[0]).toMatchObject({
      call: 'AssumeRole',
      roleArn: 'arn:aws:iam::222222222222:role/Admin',
      externalId: 'ext-1',
      reason: 'signed with the long-term keys; spends the MFA code here',
    });
    expect(plan.steps[1]).toMatchObject({
      roleSessionName: 'deep-session',
      reason: 'chained from admin; no code: MFA was spent at admin and the chained session carries it',
    });
    expect(planFor('admin-direct', profiles).region).toBe('us-west-2');
  });

  it("carries the client settings of the profile in use alone, as botocore does (not its source's)", () => {
    const withSettings = profilesFrom(
      '[profile src]\nuse_fips_endpoint = true\nretry_mode = adaptive\n' +
        '[profile app]\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = src\n' +
        'use_dualstack_endpoint = true\nsdk_ua_app_id = team-a\nauth_scheme_preference = sigv4\nregion = eu-west-1\n' +
        'disable_clock_skew_correction = false\ns3 =\n  use_fips_endpoint = true\n',
      '[src]\naws_access_key_id = AKIASRC\naws_secret_access_key = s\n',
    );
    expect(planFor('app', withSettings).clientSettings).toEqual({
      use_dualstack_endpoint: 'true',
      sdk_ua_app_id: 'team-a',
      auth_scheme_preference: 'sigv4',
      disable_clock_skew_correction: 'false',
    });
    expect(planFor('src', withSettings).clientSettings).toEqual({ use_fips_endpoint: 'true', retry_mode: 'adaptive' });
  });
});

describe('planFor: durations are validated before any call', () => {
  it.each<[string, string, PlanRequest, ErrorCode, RegExp]>([
    ['below 15 minutes', 'admin', { durationSeconds: 600 }, 'duration-invalid', /10m \(600 s\) is out of range: 15m \(900 s\) to/],
    ['above 12h for a role', 'admin', { durationSeconds: 43201 }, 'duration-invalid', /to 12h \(43200 s\) for AssumeRole/],
    ['above 1h when chaining from a role', 'deep', { durationSeconds: 7200, mfaMode: 'direct' }, 'duration-invalid', /role chaining .* capped at 1h/],
    [
      'above 1h in MFA-session mode',
      'admin-session',
      { durationSeconds: 7200 },
      'duration-invalid',
      /MFA session are capped at 1h.*touchrole_mfa_mode = direct/,
    ],
    ['GetSessionToken above 36h', 'base-mfa', { durationSeconds: 129601 }, 'duration-invalid', /to 36h \(129600 s\) for GetSessionToken/],
    ['MFA session below 15 minutes', 'admin', { mfaSessionSeconds: 60 }, 'duration-invalid', /The MFA session of 1m/],
    ['a fractional duration', 'admin', { durationSeconds: 1000.5 }, 'duration-invalid', /out of range/],
    ['an unknown touchrole_mfa_mode', 'admin-badmode', {}, 'profile-invalid', /touchrole_mfa_mode must be session or direct/],
    ['credential_source', 'env-role', {}, 'profile-invalid', /credential_source = Environment, which touchrole does not support/],
    ['an unknown profile', 'nope', {}, 'profile-not-found', /No AWS profile named "nope"/],
  ])('%s', (_, profile, request, code, message) => {
    let error: unknown;
    try {
      planFor(profile, profiles, request);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TouchroleError);
    expect((error as TouchroleError).code).toBe(code);
    expect((error as TouchroleError).message).toMatch(message);
  });
});
