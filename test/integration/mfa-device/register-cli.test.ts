// SPDX-License-Identifier: MIT
// `touchrole mfa register` / `mfa unregister` as a user runs them: the built CLI in its own process,
// the built-in STS/IAM emulator (SigV4 and MFA enforced) and the virtual YubiKey behind the real
// pcscd. The seed is read on the emulator's side only, and checked against the key with oathtool.
// Run (after `npm run build`; TOUCHROLE_TEST_SECOND_VPCD_PORT=35963 adds a second key to choose from):
//   TOUCHROLE_TEST_VPCD_PORT=35964 bash scripts/with-keyring.sh bash scripts/with-services.sh \
//     npx vitest run test/integration/mfa-device
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeStep } from '../../../src-shared/oath-codec/totp';
import { startStsEmulator, type AddedUser, type StsEmulator } from '../../../src-emulators/sts-emulator';
import { base32Encode } from '../../../src-emulators/sts-emulator/base32';
import { makeTempUser, runTouchrole, type CliRun, type TempUser } from '../../support/cli-harness';
import { oathtoolTotp } from '../../support/oathtool';
import { waitForCard } from '../../support/pcscd';
import { testVpcdPort, VirtualYubiKey } from '../../support/virtual-yubikey';

const ACCOUNT = '123456789012';
const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Admin`;
// Comments, blank lines and a CRLF-free layout the edit must keep byte for byte.
const CONFIG = [
  '# work account',
  '[profile dev]',
  'region = us-east-1',
  '; keys live in ~/.aws/credentials',
  '',
  '[profile admin]',
  `role_arn = ${ROLE}`,
  'source_profile = dev',
  'region = us-east-1',
  '',
].join('\n');
const CONFIG_REGISTERED = CONFIG.replace('region = us-east-1\n;', `region = us-east-1\nmfa_serial = ${SERIAL}\n;`);

let emulator: StsEmulator;
let key: VirtualYubiKey;
/** Opt-in (TOUCHROLE_TEST_SECOND_VPCD_PORT): a backup key in the other reader, so touchrole must pick. */
let second: VirtualYubiKey | undefined;
let user: TempUser;
let alice: AddedUser;
const runs: CliRun[] = [];

async function touchrole(args: string[], timeoutMs = 90_000): Promise<CliRun> {
  const r = await runTouchrole(args, user.env, '', timeoutMs);
  runs.push(r);
  return r;
}

const configText = (): string => readFileSync(join(user.awsDir, 'config'), 'utf8');

/** AWS takes each code once: wait until the step after the last one IAM accepted for the device. */
async function waitForUnusedStep(serial: string): Promise<void> {
  const last = emulator.mfaDevice(serial)?.lastUsedStep;
  if (last === undefined) throw new Error(`the emulator has no MFA device ${serial}`);
  const waitMs = (last + 1) * 30_000 - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs + 200));
  expect(timeStep(Date.now())).toBeGreaterThan(last);
}

beforeAll(async () => {
  emulator = await startStsEmulator({ host: '127.0.0.1' });
  alice = emulator.addUser({ userName: 'alice' });
  emulator.addRole({ roleArn: ROLE, requireMfa: true });
  // An unrelated credential already on the key: register must add, unregister must remove only its own.
  key = await VirtualYubiKey.start({
    port: testVpcdPort(),
    credentials: [{ issuer: 'GitHub', name: 'alice', secret: Buffer.from('abcdefghijabcdefghij') }],
    touch: { kind: 'auto', delayMs: 200 },
  });
  await waitForCard(key.readerName, true);
  const secondPort = process.env['TOUCHROLE_TEST_SECOND_VPCD_PORT'];
  if (secondPort) {
    second = await VirtualYubiKey.start({ port: Number(secondPort), serial: 87654321, credentials: [{ name: 'backup', secret: Buffer.from('0123456789') }] });
    await waitForCard(second.readerName, true);
  }
  user = makeTempUser(
    { config: CONFIG, credentials: `[dev]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n` },
    { AWS_ENDPOINT_URL_IAM: emulator.url, AWS_ENDPOINT_URL_STS: emulator.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
}, 60_000);

afterAll(async () => {
  await second?.stop();
  await key?.stop();
  await emulator?.stop();
});

describe('touchrole mfa register / unregister through the CLI', () => {
  let seed: Uint8Array;

  it('registers: IAM has the device enabled for alice, the key holds it, mfa_serial is set', async () => {
    // --reader: another YubiKey may be plugged in; unregister below finds the holder by itself.
    const r = await touchrole(['mfa', 'register', 'dev', '--reader', key.readerName, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ profile: 'dev', userName: 'alice', serialNumber: SERIAL, oathCredential: SERIAL, touch: true });

    const device = emulator.mfaDevice(SERIAL);
    expect(device?.userName).toBe('alice');
    seed = device?.seed ?? new Uint8Array();
    expect(seed.length).toBe(40);

    const stored = key.credentials().find((c) => c.id === SERIAL);
    expect(stored).toMatchObject({ type: 'TOTP', algorithm: 'SHA1', digits: 6, touch: true });
    expect(key.credentials().map((c) => c.id)).toEqual(['GitHub:alice', SERIAL]);
    // Every other byte of ~/.aws/config is unchanged.
    expect(configText()).toBe(CONFIG_REGISTERED);
  });

  it('the key computes the codes oathtool computes from the seed IAM handed out', async () => {
    const now = Date.now();
    for (const at of [now, now + 30_000, now + 3_600_000, 1_111_111_109_000]) {
      expect(key.expectedCode(SERIAL, at), `at ${new Date(at).toISOString()}`).toBe(await oathtoolTotp({ secret: seed, atMs: at }));
    }
  });

  it('elevates a role that demands MFA with the new device', async () => {
    // register spent steps T and T+1; touchrole's ledger did not see them, so start at T+2.
    await waitForUnusedStep(SERIAL);
    const before = emulator.mfaDevice(SERIAL)?.lastUsedStep ?? 0;
    const r = await touchrole(['elevate', 'admin', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'admin', writtenProfile: 'admin-touchrole', roleArn: ROLE });
    expect(emulator.mfaDevice(SERIAL)?.lastUsedStep).toBeGreaterThan(before);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toContain('[admin-touchrole]');
  }, 150_000);

  it('refuses to register a second device over the first', async () => {
    const r = await touchrole(['mfa', 'register', 'dev']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`already has mfa_serial ${SERIAL}`);
    expect(emulator.mfaDevice(SERIAL)?.userName).toBe('alice');
  });

  it('unregisters: device gone from IAM and the key, mfa_serial line gone', async () => {
    // Signed with an MFA session: touchrole's ledger waits for a step elevate did not spend.
    const r = await touchrole(['mfa', 'unregister', 'dev', '--json'], 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ profile: 'dev', serialNumber: SERIAL, removedFromKey: true });
    expect(emulator.mfaDevice(SERIAL)).toBeUndefined();
    expect(key.credentials().map((c) => c.id)).toEqual(['GitHub:alice']);
    expect(configText()).toBe(CONFIG);
    expect(second?.credentials().map((c) => c.id) ?? ['backup']).toEqual(['backup']);
  }, 150_000);

  it('never printed the seed, in any encoding', () => {
    expect(runs.length).toBeGreaterThanOrEqual(4);
    const forms = [
      base32Encode(seed),
      Buffer.from(seed).toString('hex'),
      Buffer.from(seed).toString('base64'),
      Buffer.from(base32Encode(seed), 'ascii').toString('base64'),
    ];
    for (const r of runs) {
      for (const form of forms) {
        expect(r.stdout.toUpperCase()).not.toContain(form.toUpperCase().replace(/=+$/, ''));
        expect(r.stderr.toUpperCase()).not.toContain(form.toUpperCase().replace(/=+$/, ''));
      }
    }
  });
});
