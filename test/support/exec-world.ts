// SPDX-License-Identifier: MIT
// The world of the exec/export end-to-end tests: moto_server as STS/IAM with a few roles, the
// virtual YubiKey (auto touch) behind pcscd, and a temp user whose role profiles use it.
import { spawn, type ChildProcess } from 'node:child_process';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { makeTempUser, TOUCHROLE_BIN, type TempUser } from './cli-harness';
import { MOTO_KEYS, startMoto, type Moto } from './moto';
import { waitForCard } from './pcscd';
import { testVpcdPort, VirtualYubiKey } from './virtual-yubikey';

export const ACCOUNT = '123456789012';
const MFA = `arn:aws:iam::${ACCOUNT}:mfa/alice`;

export interface ExecWorld {
  moto: Moto;
  user: TempUser;
  stop(): Promise<void>;
}

/** Roles role0..role<n-1> (Role0..), assumed from [dev] (keys in the credentials file) with the YubiKey's code. */
export async function startExecWorld(roles = 4): Promise<ExecWorld> {
  const moto = await startMoto();
  await moto.reset();
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: { ...MOTO_KEYS } });
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
  });
  for (let i = 0; i < roles; i++) await iam.send(new CreateRoleCommand({ RoleName: `Role${i}`, AssumeRolePolicyDocument: trust }));
  iam.destroy();
  const key = await VirtualYubiKey.start({
    port: testVpcdPort(),
    credentials: [{ issuer: 'AWS', name: MFA, secret: Buffer.from('12345678901234567890'), touch: true }],
    touch: { kind: 'auto', delayMs: 200 },
  });
  await waitForCard(key.readerName, true);
  const profiles = Array.from(
    { length: roles },
    (_, i) => `[profile role${i}]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Role${i}\nsource_profile = dev\nmfa_serial = ${MFA}\nregion = us-east-1\n`,
  );
  const user = makeTempUser(
    {
      config: `[profile dev]\nregion = eu-west-1\n\n${profiles.join('\n')}`,
      credentials: `[dev]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
    },
    { AWS_ENDPOINT_URL_STS: moto.url, AWS_ENDPOINT_URL_IAM: moto.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
  return {
    moto,
    user,
    stop: async () => {
      await key.stop();
      await moto.stop();
    },
  };
}

/** `touchrole <args>` as a child the test can signal; stdout/stderr collected. */
export function spawnTouchrole(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number> } {
  const child = spawn(process.execPath, [TOUCHROLE_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal === null ? -1 : -2))));
  return { child, out: () => out, err: () => err, exit };
}
