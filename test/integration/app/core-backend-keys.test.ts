// SPDX-License-Identifier: MIT
// The tray's backend (src-main/app/core-backend.ts, the embedded agent) registers the YubiKey as an
// MFA device, rotates the access key with it and removes the device again, as the CLI does: against the
// built-in IAM/STS emulator (SigV4-verified) and an in-process virtual YubiKey (no pcscd needed).
// Touches reach the window as touchPrompt events. Run as
//   npx vitest run test/integration/app/core-backend-keys.test.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchEvent, YubikeyStatusView } from '../../../src-shared/models';
import { startStsEmulator, virtualKeyReaders, VirtualYubiKey, type StsEmulator } from '../../../src-emulators';
import type { AddedUser } from '../../../src-emulators/sts-emulator';
import type { AppBackend } from '../../../src-main/core/agent';
import { createStsApi } from '../../../src-main/core/sts';
import type { TempUser } from '../../support/cli-harness';
import { coreBackendFor, devCredentials, emulatorUser } from '../../support/emulator-user';
import { SteppingClock } from '../../support/stepping-clock';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const CONFIG = '[profile dev]\nregion = us-east-1\n';

const clock = new SteppingClock();
let emulator: StsEmulator;
let alice: AddedUser;
let user: TempUser;
let core: AppBackend;
const key = VirtualYubiKey.create({ credentials: [], touch: { kind: 'auto', delayMs: 50 } });
const touches: TouchEvent['state'][] = [];
const statuses: YubikeyStatusView[] = [];

beforeAll(async () => {
  emulator = await startStsEmulator({ host: '127.0.0.1', clock });
  alice = emulator.addUser({ userName: 'alice' });
  user = emulatorUser(emulator.url, { config: CONFIG, credentials: devCredentials(alice) });
  core = await coreBackendFor(user, clock, virtualKeyReaders(key));
  core.on('touchPrompt', (e) => touches.push(e.state));
  core.on('yubikeyChanged', (s) => statuses.push(s));
});

afterAll(async () => {
  await core?.close();
  await emulator?.stop();
});

const config = (): string => readFileSync(join(user.awsDir, 'config'), 'utf8');

describe('core backend: access keys and MFA devices (what the window calls)', () => {
  it('lists the key with its age and no MFA device', async () => {
    expect(await core.keyAges()).toEqual([
      expect.objectContaining({ profile: 'dev', accessKeyId: alice.accessKeyId, ageDays: 0, due: false, mfaSerial: null, pendingDeletion: null }),
    ]);
  });

  it('registers the YubiKey as the MFA device: two touches told to the window, mfa_serial set, the YubiKey panel follows', async () => {
    const r = await core.registerMfaDevice('dev');
    expect(r).toEqual({ message: `Registered the YubiKey as MFA device ${SERIAL} for IAM user alice; mfa_serial set in profile "dev"` });
    expect(touches).toEqual(['needed', 'done', 'needed', 'done']);
    expect(emulator.mfaDevice(SERIAL)?.userName).toBe('alice');
    expect(key.credentials().map((c) => c.id)).toEqual([SERIAL]);
    expect(config()).toBe(`${CONFIG}mfa_serial = ${SERIAL}\n`);
    expect(statuses.at(-1)?.mfaCredentials.map((c) => c.mfaSerial)).toEqual([SERIAL]);
    expect((await core.keyAges())[0]?.mfaSerial).toBe(SERIAL);
  });

  it('rotates the key with an MFA session (one touch): the new key is stored and works, the old one is inactive', async () => {
    clock.skipSteps(2); // registration spent steps T and T+1
    touches.length = 0;
    const { message } = await core.rotateKey('dev');
    const [entry] = await core.keyAges();
    const newKey = entry?.accessKeyId ?? '';
    expect(newKey).not.toBe(alice.accessKeyId);
    expect(entry?.pendingDeletion?.oldAccessKeyId).toBe(alice.accessKeyId);
    expect(message).toBe(
      `Rotated "dev": new key ${newKey} stored in ${join(user.awsDir, 'credentials')} and working; old key ${alice.accessKeyId} is inactive; ` +
        `run \`touchrole keys rotate dev --finish\` after ${entry?.pendingDeletion?.deleteAfter ?? '?'} to delete it`,
    );
    expect(touches).toEqual(['needed', 'done']);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toContain(`aws_access_key_id = ${newKey}`);
    const sts = createStsApi({ env: { AWS_ENDPOINT_URL: emulator.url }, clock });
    await expect(sts.getCallerIdentity({ credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey } })).rejects.toThrow();
    await expect(core.finishRotation('dev')).rejects.toMatchObject({ code: 'rotation-failed' }); // the grace period runs
  });

  it('removes the MFA device (one touch, signed with the new key): IAM, the YubiKey and the profile', async () => {
    clock.skipSteps(2);
    touches.length = 0;
    expect(await core.unregisterMfaDevice('dev')).toEqual({
      message: `Removed MFA device ${SERIAL} from IAM and the YubiKey; mfa_serial removed from "dev"`,
    });
    expect(touches).toEqual(['needed', 'done']);
    expect(emulator.mfaDevice(SERIAL)).toBeUndefined();
    expect(key.credentials()).toEqual([]);
    expect(config()).toBe(CONFIG);
    expect(statuses.at(-1)?.mfaCredentials).toEqual([]);
  });
});
