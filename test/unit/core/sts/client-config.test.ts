// SPDX-License-Identifier: MIT
// The SDK options touchrole builds for one call: with the profile's client settings, every option
// the SDK would otherwise read from the AWS files itself is set, the environment winning as for botocore.
import { describe, expect, it } from 'vitest';
import { clientSettingsOf } from '../../../../src-main/core/sts';
import { sdkClientConfig } from '../../../../src-main/core/sts/client-config';
import type { CallContext, ClientSettings } from '../../../../src-main/core/sts/sts-port';
import { ManualClock } from '../../../../src-shared/time/clock';

const clock = new ManualClock(Date.parse('2026-12-05T10:00:00Z'));
const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };

async function settingsFor(clientSettings: ClientSettings, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const ctx: CallContext = { credentials, region: 'eu-west-1', clientSettings };
  const config = sdkClientConfig('STS', ctx, { env, clock });
  const appId = config['userAgentAppId'] as () => Promise<string | undefined>;
  return {
    useFipsEndpoint: config['useFipsEndpoint'],
    useDualstackEndpoint: config['useDualstackEndpoint'],
    retryMode: config['retryMode'],
    userAgentAppId: await appId(),
    authSchemePreference: config['authSchemePreference'],
    disableClockSkewCorrection: config['disableClockSkewCorrection'],
  };
}

describe('sdkClientConfig with the profile client settings', () => {
  it('an empty profile: the SDK defaults, each set so the SDK reads no file', async () => {
    expect(await settingsFor({})).toEqual({
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      retryMode: 'standard',
      userAgentAppId: undefined,
      authSchemePreference: [],
      disableClockSkewCorrection: false,
    });
  });

  it("the profile's values, booleans as botocore reads them (true in any case; anything else is false)", async () => {
    const profile = {
      use_fips_endpoint: 'TRUE',
      use_dualstack_endpoint: 'yes',
      retry_mode: 'adaptive',
      sdk_ua_app_id: 'team-a',
      auth_scheme_preference: ' sigv4a , sigv4,, ',
      disable_clock_skew_correction: 'true',
    };
    expect(await settingsFor(profile)).toEqual({
      useFipsEndpoint: true,
      useDualstackEndpoint: false,
      retryMode: 'adaptive',
      userAgentAppId: 'team-a',
      authSchemePreference: ['sigv4a', 'sigv4'],
      disableClockSkewCorrection: true,
    });
  });

  it('the environment wins over the profile, even set empty (as for botocore)', async () => {
    const profile = { use_fips_endpoint: 'true', retry_mode: 'adaptive', sdk_ua_app_id: 'team-a' };
    const env = { AWS_USE_FIPS_ENDPOINT: '', AWS_RETRY_MODE: 'standard', AWS_SDK_UA_APP_ID: 'ci', AWS_USE_DUALSTACK_ENDPOINT: 'true' };
    expect(await settingsFor(profile, env)).toMatchObject({ useFipsEndpoint: false, useDualstackEndpoint: true, retryMode: 'standard', userAgentAppId: 'ci' });
  });

  it('without client settings (a call made for no profile), the SDK is left to read them', () => {
    const config = sdkClientConfig('STS', { credentials }, { clock });
    for (const key of ['useFipsEndpoint', 'useDualstackEndpoint', 'retryMode', 'userAgentAppId', 'authSchemePreference', 'disableClockSkewCorrection']) {
      expect(config).not.toHaveProperty(key);
    }
  });

  it("clientSettingsOf keeps the client keys among a profile's values, nothing else", () => {
    const profile: Record<string, string> = { region: 'eu-west-1', use_fips_endpoint: 'true', role_arn: 'arn', retry_mode: 'standard' };
    expect(clientSettingsOf((key) => profile[key])).toEqual({ use_fips_endpoint: 'true', retry_mode: 'standard' });
  });
});
