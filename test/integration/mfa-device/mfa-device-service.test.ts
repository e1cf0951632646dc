// SPDX-License-Identifier: MIT
// The MFA device flows as the tray calls them: composeCore's mfaDevice service, with no CLI, against the
// built-in IAM/STS emulator (SigV4-verified) and an in-process virtual YubiKey (no pcscd needed). Touch
// prompts reach the prompter the front end passed. Run as
//   npx vitest run test/integration/mfa-device/mfa-device-service.test.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsEmulator, virtualKeyReaders, VirtualYubiKey, type StsEmulator } from '../../../src-emulators';
import { OathClient } from '../../../src-main/core/oath';
import { composeCore, type CoreServices } from '../../../src-main/core/service';
import { makeTempUser, type TempUser } from '../../support/cli-harness';
import { FakeKeychain } from '../../support/fake-keychain';
import { SteppingClock } from '../../support/stepping-clock';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const CONFIG = '[profile dev]\nregion = us-east-1\n';

const clock = new SteppingClock();
let emulator: StsEmulator;
let user: TempUser;
let core: CoreServices;
const key = VirtualYubiKey.create({ credentials: [], touch: { kind: 'auto', delayMs: 50 } });
const touches: string[] = [];

beforeAll(async () => {
  emulator = await startStsEmulator({ host: '127.0.0.1', clock });
  const alice = emulator.addUser({ userName: 'alice' });
  user = makeTempUser(
    { config: CONFIG, credentials: `[dev]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n` },
    { AWS_ENDPOINT_URL_IAM: emulator.url, AWS_ENDPOINT_URL_STS: emulator.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
  const keychain = new FakeKeychain();
  core = composeCore({
    env: user.env,
    clock,
    keychain,
    oath: async () => new OathClient({ readers: virtualKeyReaders(key), keychain }),
    prompter: {
      waiting: async (info) => void touches.push(`${info.purpose}: ${info.credential}`),
      done: async () => undefined,
      timedOut: async () => undefined,
    },
  });
});

afterAll(async () => {
  await emulator?.stop();
});

describe('mfaDevice service (what the tray calls)', () => {
  it('register: the device is enabled in IAM, the key holds it, mfa_serial is set, touches told to the prompter', async () => {
    let toldBefore = 0;
    const r = await core.mfaDevice.register('dev', { touch: true, beforeTouches: () => void (toldBefore = touches.length + 1) });
    expect(r).toEqual({ profile: 'dev', userName: 'alice', serialNumber: SERIAL, oathCredential: SERIAL, touch: true });
    expect(emulator.mfaDevice(SERIAL)?.userName).toBe('alice');
    expect(key.credentials().map((c) => c.id)).toEqual([SERIAL]);
    expect(readFileSync(join(user.awsDir, 'config'), 'utf8')).toBe(`[profile dev]\nregion = us-east-1\nmfa_serial = ${SERIAL}\n`);
    expect(toldBefore).toBe(1);
    expect(touches).toEqual([`register dev: ${SERIAL}`, `register dev: ${SERIAL}`]);
  });

  it('refuses a second registration before any IAM call', async () => {
    await expect(core.mfaDevice.register('dev', { touch: false })).rejects.toMatchObject({ code: 'profile-invalid' });
  });

  it('unregister: signs with an MFA session (one touch), removes the device from IAM, the key and the profile', async () => {
    // register spent steps T and T+1 (the ledger knows): move to T+2.
    clock.skipSteps(2);
    touches.length = 0;
    const r = await core.mfaDevice.unregister('dev');
    expect(r).toMatchObject({ serialNumber: SERIAL, removedFromKey: true });
    expect(emulator.mfaDevice(SERIAL)).toBeUndefined();
    expect(key.credentials()).toEqual([]);
    expect(readFileSync(join(user.awsDir, 'config'), 'utf8')).toBe(CONFIG);
    expect(touches).toEqual([`unregister dev: ${SERIAL}`]);
  });
});
