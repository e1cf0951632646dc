// SPDX-License-Identifier: MIT
// `touchrole keys age --json` and `touchrole decode` as a user runs them: the built CLI against the
// built-in STS/IAM emulator (SigV4 enforced), keys in ~/.aws/credentials and in gnome-keyring.
// Run (after `npm run build`):
//   bash scripts/with-keyring.sh npx vitest run test/integration/cli/keys-age-decode.test.ts
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-shared/time/clock';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';
import { requireSecretService } from '../../support/gnome-keyring';

const DAY_MS = 86_400_000;
const ROLE = 'arn:aws:iam::123456789012:role/Reader';

// The emulator's clock, set back while users are created so their keys are old in IAM's records.
let offsetMs = 0;
const shiftedClock: Clock = { now: () => Date.now() + offsetMs };

let emulator: StsEmulator;
let user: TempUser;

function keysOf(...pairs: Array<[string, AddedUser | { accessKeyId: string; secretAccessKey: string }]>): string {
  return pairs.map(([name, k]) => `[${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n`).join('\n');
}

beforeAll(async () => {
  requireSecretService();
  emulator = await startStsEmulator({ host: '127.0.0.1', clock: shiftedClock });
  offsetMs = -100 * DAY_MS;
  const old = emulator.addUser({ userName: 'old' });
  offsetMs = -45 * DAY_MS;
  const strict = emulator.addUser({ userName: 'strict' });
  offsetMs = 0;
  const fresh = emulator.addUser({ userName: 'fresh' });
  emulator.addRole({ roleArn: ROLE });
  const config = [
    '[profile old]\nregion = us-east-1\n',
    '[profile strict]\nregion = us-east-1\ntouchrole_key_max_age_days = 30\n',
    '[profile fresh]\nregion = us-east-1\n',
    '[profile ghost]\nregion = us-east-1\n',
    `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = fresh\nregion = us-east-1\n`,
  ].join('\n');
  // "ghost" holds a key IAM does not know: its age can only come from when touchrole stored it.
  const ghost = { accessKeyId: 'AKIAGHOSTGHOSTGHOST0', secretAccessKey: 'g'.repeat(40) };
  user = makeTempUser(
    { config, credentials: keysOf(['old', old], ['strict', strict], ['fresh', fresh], ['ghost', ghost]) },
    { AWS_ENDPOINT_URL_STS: emulator.url, AWS_ENDPOINT_URL_IAM: emulator.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
  const imported = await runTouchrole(['keys', 'import', 'ghost'], user.env);
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  if (user !== undefined) await runTouchrole(['keys', 'remove', 'ghost'], user.env);
  await emulator?.stop();
});

interface AgeEntry {
  profile: string;
  accessKeyId: string | null;
  ageDays: number | null;
  maxAgeDays: number;
  due: boolean;
  source: string;
  note: string | null;
}

async function keysAge(): Promise<Map<string, AgeEntry>> {
  const r = await runTouchrole(['keys', 'age', '--json'], user.env);
  expect(r.code, r.stderr).toBe(0);
  const entries = (JSON.parse(r.stdout) as { keys: AgeEntry[] }).keys;
  return new Map(entries.map((e) => [e.profile, e]));
}

describe('touchrole keys age --json against the emulator', () => {
  it('reads CreateDate from IAM, applies the default and per-profile limits, falls back to the import date', async () => {
    const report = await keysAge();
    expect([...report.keys()].sort()).toEqual(['fresh', 'ghost', 'old', 'strict']);
    expect(report.get('old')).toMatchObject({ ageDays: 100, maxAgeDays: 90, due: true, source: 'iam' });
    expect(report.get('strict')).toMatchObject({ ageDays: 45, maxAgeDays: 30, due: true, source: 'iam' });
    expect(report.get('fresh')).toMatchObject({ ageDays: 0, maxAgeDays: 90, due: false, source: 'iam', note: null });
    expect(report.get('ghost')).toMatchObject({ accessKeyId: 'AKIAGHOSTGHOSTGHOST0', ageDays: 0, due: false, source: 'imported' });
    expect(report.get('ghost')?.note).toMatch(/IAM could not be asked/);
  });

  it('remembers what IAM said: the next report does not ask again', async () => {
    const report = await keysAge();
    expect(report.get('old')).toMatchObject({ ageDays: 100, due: true, source: 'iam-cached' });
    expect(report.get('fresh')?.source).toBe('iam-cached');
  });

  it('the text form names the profiles due for rotation', async () => {
    const r = await runTouchrole(['keys', 'age'], user.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^old\t\S+\t100 days old \(limit 90, from iam-cached\) - DUE: touchrole keys rotate old$/m);
    expect(r.stdout).toMatch(/^fresh\t\S+\t0 days old \(limit 90, from iam-cached\)$/m);
  });

  it('a touchrole section whose expiry a hand edit damaged: no crash, and not a key to rotate', async () => {
    const credentials = join(user.awsDir, 'credentials');
    const damaged =
      '[old-touchrole]\n# managed by touchrole; expires <garbage>; touchrole rewrites or removes this section\n' +
      'aws_access_key_id = ASIADAMAGEDDAMAGED00\naws_secret_access_key = s\naws_session_token = t\n';
    writeFileSync(credentials, `${readFileSync(credentials, 'utf8')}\n${damaged}`);
    const report = await keysAge();
    expect([...report.keys()].sort()).toEqual(['fresh', 'ghost', 'old', 'strict']);
    expect([...report.values()].map((e) => e.accessKeyId)).not.toContain('ASIADAMAGEDDAMAGED00');
    const text = await runTouchrole(['keys', 'age'], user.env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toContain('old-touchrole');
  });
});

describe('touchrole decode against the emulator', () => {
  const decoded = {
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    context: {
      principal: { arn: 'arn:aws:sts::123456789012:assumed-role/Reader/x' },
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
    },
  };

  it('decodes an encoded authorization message with the role session, pretty-printed', async () => {
    const encoded = emulator.encodeAuthorizationMessage(JSON.stringify(decoded));
    const r = await runTouchrole(['decode', encoded, '--profile', 'reader'], user.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${JSON.stringify(decoded, null, 2)}\n`);
    const json = await runTouchrole(['decode', encoded, '--profile', 'reader', '--json'], user.env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ profile: 'reader', decoded });
  });

  it('a message that starts with "-" (base64url: one in 64) is the message, not an option', async () => {
    const encoded = emulator.encodeAuthorizationMessage(JSON.stringify(decoded), `-${randomBytes(60).toString('base64url')}`);
    const r = await runTouchrole(['decode', encoded, '--profile', 'reader', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { decoded: unknown }).decoded).toEqual(decoded);
  });

  it('uses AWS_PROFILE when --profile is absent', async () => {
    const encoded = emulator.encodeAuthorizationMessage(JSON.stringify(decoded));
    const r = await runTouchrole(['decode', encoded, '--json'], { ...user.env, AWS_PROFILE: 'reader' });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { decoded: unknown }).decoded).toEqual(decoded);
  });

  it('a message STS cannot decode: one clear line, non-zero exit', async () => {
    const r = await runTouchrole(['decode', 'not-a-message', '--profile', 'reader'], user.env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
