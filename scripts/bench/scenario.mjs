// SPDX-License-Identifier: MIT
// The isolated user the benchmark runs as: a temp HOME whose ~/.aws holds the source keys in the
// credentials file (so no keychain is needed), a role profile, a credential_process profile and a
// static-keys profile; and the role in moto.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_V2 } from './services.mjs';
import { timed } from './stats.mjs';

export const ACCOUNT = '123456789012';
/** moto accepts any signature; these are not real keys. */
const KEYS = { id: 'AKIATOUCHROLEBENCH01', secret: 'touchrole-bench-secret-not-real-0000000000' };

export function makeScenario(repo, motoUrl, mfaSerial) {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-bench-'));
  const awsDir = join(home, '.aws');
  mkdirSync(awsDir, { mode: 0o700 });
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/Bench`;
  const config = [
    '[profile dev]',
    'region = us-east-1',
    '',
    '[profile role]',
    `role_arn = ${roleArn}`,
    'source_profile = dev',
    `mfa_serial = ${mfaSerial}`,
    'region = us-east-1',
    '',
    '[profile cp]',
    `credential_process = ${process.execPath} ${join(repo, 'bin', 'touchrole.js')} credential-process role`,
    'region = us-east-1',
    '',
    '[profile static]',
    'region = us-east-1',
    '',
  ].join('\n');
  const keys = (name) => `[${name}]\naws_access_key_id = ${KEYS.id}\naws_secret_access_key = ${KEYS.secret}\n`;
  writeFileSync(join(awsDir, 'config'), config, { mode: 0o600 });
  writeFileSync(join(awsDir, 'credentials'), `${keys('dev')}\n${keys('static')}`, { mode: 0o600 });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    // No D-Bus session: the source keys come from the credentials file, no keychain is involved.
    TOUCHROLE_KEYCHAIN_SERVICE: `touchrole-bench-${process.pid}`,
    TOUCHROLE_AGENT_SOCKET: join(home, 'agent.sock'),
    TOUCHROLE_CACHE_DIR: join(home, 'cache'),
    TOUCHROLE_STATE_DIR: join(home, 'state'),
    AWS_ENDPOINT_URL_STS: motoUrl,
    AWS_ENDPOINT_URL_IAM: motoUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return { home, awsDir, env, roleArn, cacheDir: env.TOUCHROLE_CACHE_DIR, stateDir: env.TOUCHROLE_STATE_DIR };
}

export async function createRole(scenario, motoUrl) {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
  });
  await timed(
    AWS_V2,
    ['iam', 'create-role', '--role-name', 'Bench', '--assume-role-policy-document', trust, '--profile', 'dev', '--endpoint-url', motoUrl],
    scenario.env,
  );
}
