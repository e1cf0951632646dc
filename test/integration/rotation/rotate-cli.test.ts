// SPDX-License-Identifier: MIT
// `touchrole keys rotate` as a user runs it (the built CLI), for a key kept in the credentials file,
// against the built-in IAM/STS emulator (SigV4-verified). Run (after `npm run build`):
//   npx vitest run test/integration/rotation/rotate-cli.test.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';

let emulator: StsEmulator;
let dana: AddedUser;
let user: TempUser;

beforeAll(async () => {
  emulator = await startStsEmulator({ host: '127.0.0.1' });
  dana = emulator.addUser({ userName: 'dana' });
  user = makeTempUser(
    {
      config: '[profile work]\nregion = us-east-1\n',
      credentials: `# mine\n[work]\naws_access_key_id = ${dana.accessKeyId}\naws_secret_access_key = ${dana.secretAccessKey}\n`,
    },
    { AWS_ENDPOINT_URL_IAM: emulator.url, AWS_ENDPOINT_URL_STS: emulator.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
});

afterAll(async () => {
  await emulator?.stop();
});

describe('touchrole keys rotate (credentials-file key)', () => {
  let newKey = '';

  it('stores a working new key in the credentials file and leaves the old one inactive', async () => {
    const r = await runTouchrole(['keys', 'rotate', 'work'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(user.awsDir, 'credentials'), 'utf8');
    newKey = /aws_access_key_id = (\S+)/.exec(text)?.[1] ?? '';
    expect(newKey).not.toBe(dana.accessKeyId);
    expect(text.startsWith('# mine\n[work]\n')).toBe(true);
    expect(r.stdout).toContain(`Rotated "work": new key ${newKey} stored in`);
    expect(r.stdout).toContain(`old key ${dana.accessKeyId} is inactive; run \`touchrole keys rotate work --finish\` after`);
    const age = await runTouchrole(['keys', 'age', '--json'], user.env);
    expect(JSON.parse(age.stdout)).toMatchObject({ keys: [{ profile: 'work', accessKeyId: newKey, pendingDeletion: { oldAccessKeyId: dana.accessKeyId } }] });
  });

  it('--finish waits for the grace period; --finish --now deletes the old key', async () => {
    const early = await runTouchrole(['keys', 'rotate', 'work', '--finish'], user.env);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`The grace period for old key ${dana.accessKeyId} of "work" ends`);
    const done = await runTouchrole(['keys', 'rotate', 'work', '--finish', '--now', '--json'], user.env);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ profile: 'work', deletedAccessKeyId: dana.accessKeyId, alreadyGone: false });
  });

  it('names a profile without a key of its own: one clear line, non-zero exit', async () => {
    const r = await runTouchrole(['keys', 'rotate', 'nobody'], user.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('There is no profile "nobody"');
  });
});
