// SPDX-License-Identifier: MIT
// The tray's backend (src-main/app/core-backend.ts) gives the window what `touchrole yubikey code --slot`
// gives the terminal, elevates a profile with `touchrole_otp_slot = 2` and rotates an access key with an
// MFA session whose code comes from that slot (the IAM route of source-keys.ts), all over the HID port the
// composition root takes (`hid`): a virtual key on USB HID whose smart-card interface is off (PC/SC sees
// no key), slot 2 programmed as `ykman otp chalresp --totp --touch 2` does; codes checked against
// oathtool, sessions and keys made by the built-in IAM/STS emulator (SigV4-verified, MFA code checked). Run as
//   bash scripts/with-keyring.sh npx vitest run test/integration/app/core-backend-otp-slot.test.ts
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsEmulator, type StsEmulator } from '../../../src-emulators';
import type { AddedUser } from '../../../src-emulators/sts-emulator';
import { base32Encode } from '../../../src-emulators/sts-emulator/base32';
import type { AppBackend } from '../../../src-main/core/agent';
import { createStsApi } from '../../../src-main/core/sts';
import type { TouchEvent } from '../../../src-shared/models';
import type { TempUser } from '../../support/cli-harness';
import { coreBackendFor, devCredentials, emulatorUser } from '../../support/emulator-user';
import { FakeHidBus, hidInterface } from '../../support/fake-hid-bus';
import { oathtoolTotp, requireOathtool } from '../../support/oathtool';
import { SteppingClock } from '../../support/stepping-clock';
import { VirtualOtpHid } from '../../support/virtual-otp-hid';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const ROLE = 'arn:aws:iam::123456789012:role/Admin';
const CONFIG =
  `[profile dev]\nregion = us-east-1\nmfa_serial = ${SERIAL}\n\n` +
  `[profile admin]\nrole_arn = ${ROLE}\nsource_profile = dev\nmfa_serial = ${SERIAL}\ntouchrole_otp_slot = 2\nregion = us-east-1\n`;

const clock = new SteppingClock();
const secret = randomBytes(20);
// The simulated user touches the key after two polls (about 200 ms) of its touch wait.
const key = new VirtualOtpHid({ slot2: { key: secret, requireTouch: true }, touchAfterReads: 2 });
// The key's interfaces on the bus; emptied to unplug it.
const interfaces = [hidInterface('fido', { usagePage: 0xf1d0, usage: 1 }), hidInterface('otp')];
const hid = new FakeHidBus(interfaces, { otp: key });

let emulator: StsEmulator;
let alice: AddedUser;
let user: TempUser;
let core: AppBackend;
const touches: TouchEvent['state'][] = [];

beforeAll(async () => {
  requireOathtool();
  emulator = await startStsEmulator({ host: '127.0.0.1', clock });
  alice = emulator.addUser({ userName: 'alice' });
  emulator.addMfaDevice({ serial: SERIAL, seedBase32: base32Encode(secret), userName: 'alice' });
  emulator.addRole({ roleArn: ROLE, requireMfa: true });
  user = emulatorUser(emulator.url, { config: CONFIG, credentials: devCredentials(alice) });
  // CCID off: no reader shows the key.
  core = await coreBackendFor(user, clock, { listReaders: async () => [], connect: () => Promise.reject(new Error('no reader')) }, { hid });
  core.on('touchPrompt', (e) => touches.push(e.state));
});

afterAll(async () => {
  await core?.close();
  await emulator?.stop();
});

describe('core backend: a code from an OTP slot over the injected HID bus', () => {
  it('slot 2: the RFC 6238 code of its secret (oathtool), one touch, valid to the end of its 30-s step', async () => {
    expect((await core.yubikeyStatus()).state).toBe('none');
    touches.length = 0;
    const before = clock.now();
    const r = await core.yubikeyCode({ slot: 2 });
    const step = Math.floor(before / 30_000);
    // The step of the moment the read began (the core takes the time once, before the touch).
    expect(r).toEqual({
      credential: 'OTP slot 2',
      code: await oathtoolTotp({ secret, atMs: step * 30_000 }),
      validTo: new Date((step + 1) * 30_000).toISOString(),
    });
    expect(touches).toEqual(['needed', 'done']);
    expect(key.closed).toBe(true);
  });

  it('slot 1 is empty: the core\'s "program it" error, no touch', async () => {
    touches.length = 0;
    const e = core.yubikeyCode({ slot: 1 });
    await expect(e).rejects.toMatchObject({ code: 'otp-slot-not-programmed', message: 'YubiKey OTP slot 1 is empty' });
    await expect(e).rejects.toMatchObject({ hint: expect.stringContaining('ykman otp chalresp --totp 1') });
    expect(touches).toEqual([]);
  });
});

describe('core backend: a profile with touchrole_otp_slot = 2', () => {
  it('elevates with the code of slot 2, read over the injected bus (AWS checks it), one touch', async () => {
    clock.skipSteps(1); // AWS takes each code once: past the step the code above was of
    touches.length = 0;
    const opened = hid.opened.length;
    const s = await core.elevate({ profile: 'admin', durationSeconds: 3600 });
    expect(s).toMatchObject({ profile: 'admin', roleArn: ROLE, writtenProfile: 'admin-touchrole' });
    expect(hid.opened.length).toBe(opened + 1);
    expect(touches).toEqual(['needed', 'done']);
  });
});

describe('core backend: rotating the key of a profile whose MFA device is on OTP slot 2', () => {
  it('opens the MFA session with the code of slot 2 (AWS checks it), one touch; the new key works, the old one does not', async () => {
    clock.skipSteps(1); // past the step elevation spent
    touches.length = 0;
    const opened = hid.opened.length;
    const { message } = await core.rotateKey('dev');
    const newKey = (await core.keyAges())[0]?.accessKeyId ?? '';
    expect(newKey).not.toBe(alice.accessKeyId);
    expect(message).toContain(`Rotated "dev": new key ${newKey} stored in ${join(user.awsDir, 'credentials')} and working`);
    expect(hid.opened.length).toBe(opened + 1);
    expect(touches).toEqual(['needed', 'done']);
    const sts = createStsApi({ env: { AWS_ENDPOINT_URL: emulator.url }, clock });
    await expect(sts.getCallerIdentity({ credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey } })).rejects.toThrow();
  });
});

describe('core backend: no YubiKey on USB HID', () => {
  it("a slot code fails with the core's error", async () => {
    interfaces.length = 0;
    const e = core.yubikeyCode({ slot: 2 });
    await expect(e).rejects.toMatchObject({ code: 'yubikey-not-found', message: 'No YubiKey OTP interface found over USB HID' });
    await expect(e).rejects.toMatchObject({ hint: expect.stringContaining('ykman config usb --enable OTP') });
  });
});
