// SPDX-License-Identifier: MIT
// elevate end to end over the real STS adapter and moto_server: plan -> ledger -> STS -> cache.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-shared/time/clock';
import { mergeProfiles, parseConfigFile, parseCredentialsFile } from '../../../src-shared/aws-ini';
import { buildProfileSet } from '../../../src-main/core/aws-config';
import { credentialProcessJson, elevate, MfaStepLedger, resolutionScope, SessionCache, type ElevateDeps } from '../../../src-main/core/sessions';
import { createStsApi } from '../../../src-main/core/sts';
import { createAssumableRoles, MOTO_KEYS, startMoto, type Moto } from '../../support/moto';

let moto: Moto;
let dir: string;
const MFA = 'arn:aws:iam::123456789012:mfa/alice';

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  dir = mkdtempSync(join(tmpdir(), 'touchrole-elevate-moto-'));
  await createAssumableRoles(moto, ['Admin', 'Deep'], { maxSessionDuration: 43200 });
  return () => rmSync(dir, { recursive: true, force: true });
});

function deps(): ElevateDeps & { touches: string[] } {
  const config = parseConfigFile(`
[profile base]
region = eu-central-1
[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = base
mfa_serial = ${MFA}
external_id = ext-9
[profile deep]
role_arn = arn:aws:iam::123456789012:role/Deep
source_profile = admin
`);
  const credentials = parseCredentialsFile('');
  const profiles = buildProfileSet(
    {
      paths: { configFile: '/c', credentialsFile: '/k', profile: 'default' },
      config,
      credentials,
      credentialsText: '',
      merged: mergeProfiles(config, credentials),
    },
    { keychainProfiles: new Set(['base']) },
  ).profiles;
  const touches: string[] = [];
  return {
    touches,
    profiles,
    sourceKeys: async (p) => (p === 'base' ? { ...MOTO_KEYS } : undefined),
    mfaCode: async (serial) => {
      touches.push(serial);
      return String(100000 + touches.length);
    },
    sts: createStsApi({ clock: systemClock, env: { AWS_ENDPOINT_URL_STS: moto.url } }),
    clock: systemClock,
    ledger: new MfaStepLedger({ stateDir: join(dir, 'state'), clock: systemClock }),
    cache: new SessionCache({ dir: join(dir, 'cache'), clock: systemClock }),
    scope: resolutionScope({ HOME: dir, AWS_ENDPOINT_URL_STS: moto.url }),
    roleSessionName: 'touchrole-alice',
  };
}

describe('elevate against moto_server', () => {
  it('direct mode: a role session usable for GetCallerIdentity, with credential_process JSON', async () => {
    const d = deps();
    const s = await elevate(d, { profile: 'admin', durationSeconds: 7200 });
    expect(s.plan.mfa?.mode).toBe('direct');
    expect(Date.parse(s.expiration) - Date.now()).toBeGreaterThan(7100_000);
    const who = await d.sts.getCallerIdentity({ credentials: s.credentials });
    expect(who.arn).toBe('arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice');
    expect(credentialProcessJson(s)).toMatchObject({ Version: 1, AccessKeyId: s.credentials.accessKeyId, Expiration: s.expiration });
    expect(d.touches).toEqual([MFA]);
  });

  it('MFA-session mode and a role chain: one touch, then cached for credential_process', async () => {
    const d = deps();
    const deep = await elevate(d, { profile: 'deep', reuseCached: true });
    expect(deep.plan.steps.map((s) => s.call)).toEqual(['GetSessionToken', 'AssumeRole', 'AssumeRole']);
    expect((await d.sts.getCallerIdentity({ credentials: deep.credentials })).arn).toBe('arn:aws:sts::123456789012:assumed-role/Deep/touchrole-alice');
    const admin = await elevate(d, { profile: 'admin', reuseCached: true });
    expect((await d.sts.getCallerIdentity({ credentials: admin.credentials })).arn).toBe('arn:aws:sts::123456789012:assumed-role/Admin/touchrole-alice');
    const again = await elevate(d, { profile: 'deep', reuseCached: true });
    expect(again.fromCache).toBe(true);
    expect(d.touches).toEqual([MFA]);
  });
});
