// SPDX-License-Identifier: MIT
// Profiles named like Object.prototype keys, end to end through the built CLI: moto_server as
// STS, the test keyring as keychain. Every command that indexes data by profile name.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';
import { createAssumableRoles, MOTO_ACCOUNT, MOTO_KEYS, startMoto, type Moto } from '../../support/moto';

const ACCOUNT = MOTO_ACCOUNT;
let moto: Moto;
let user: TempUser;

beforeAll(async () => {
  moto = await startMoto();
  await moto.reset();
  await createAssumableRoles(moto, ['Admin', 'Read']);
  user = makeTempUser(
    {
      config: [
        '[profile constructor]\nregion = us-east-1\n',
        `[profile __proto__]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Admin\nsource_profile = constructor\nregion = us-east-1\n`,
        `[profile toString]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Read\nsource_profile = hasOwnProperty\nregion = us-east-1\n`,
        '[profile hasOwnProperty]\nregion = us-east-1\n',
      ].join('\n'),
      credentials: `[constructor]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
    },
    { AWS_ENDPOINT_URL_STS: moto.url, AWS_ENDPOINT_URL_IAM: moto.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
}, 60_000);
afterAll(async () => {
  await runTouchrole(['keys', 'remove', 'hasOwnProperty'], user.env).catch(() => undefined);
  await moto?.stop();
  await rm(user.home, { recursive: true, force: true });
});

const run = async (args: string[], input = ''): Promise<unknown> => {
  const r = await runTouchrole([...args, '--json'], user.env, input);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

describe('profiles named __proto__, constructor, toString, hasOwnProperty', () => {
  it('keys add/list, elevate, credential-process through a chain, status, keys age and end', async () => {
    await run(['keys', 'add', 'hasOwnProperty', '--access-key-id', MOTO_KEYS.accessKeyId], `${MOTO_KEYS.secretAccessKey}\n`);
    expect(await run(['keys', 'list'])).toMatchObject({ keys: [{ profile: 'hasOwnProperty', accessKeyId: MOTO_KEYS.accessKeyId }] });

    expect(await run(['elevate', '__proto__'])).toMatchObject({
      profile: '__proto__',
      writtenProfile: '__proto__-touchrole',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/Admin`,
    });
    const cp = await runTouchrole(['credential-process', 'toString'], user.env);
    expect(cp.code, cp.stderr).toBe(0);
    expect(JSON.parse(cp.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) as unknown });

    const status = (await run(['status'])) as { sessions: Array<{ profile: string }> };
    expect(status.sessions.map((s) => s.profile)).toEqual(['__proto__']);
    const age = (await run(['keys', 'age'])) as { keys: Array<{ profile: string }> };
    expect(age.keys.map((k) => k.profile).sort()).toEqual(['constructor', 'hasOwnProperty']);

    expect(await run(['end', '__proto__'])).toEqual({ profile: '__proto__', removed: true });
    expect(await run(['end', 'toString'])).toEqual({ profile: 'toString', removed: false });
    expect(((await run(['status'])) as { sessions: unknown[] }).sessions).toEqual([]);
    expect(await run(['clean'])).toMatchObject({ removed: [] });
  }, 120_000);
});
