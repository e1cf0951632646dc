// SPDX-License-Identifier: MIT
// The tray's backend (src-main/app/core-backend.ts, the embedded agent) gives the window what
// `touchrole yubikey code --serial`, `whoami`, `decode` and `clean` give the terminal: against the
// built-in STS emulator (SigV4-verified; it implements DecodeAuthorizationMessage) and two in-process
// virtual YubiKeys (no pcscd needed), codes checked against oathtool. Run as
//   bash scripts/with-keyring.sh npx vitest run test/integration/app/core-backend-tools.test.ts
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsEmulator, VirtualYubiKey, type StsEmulator } from '../../../src-emulators';
import { base32Encode } from '../../../src-emulators/sts-emulator/base32';
import type { AppBackend } from '../../../src-main/core/agent';
import { upsertManagedSection } from '../../../src-main/core/aws-config';
import type { CardReaders } from '../../../src-main/core/oath';
import type { SessionView, TouchEvent } from '../../../src-shared/models';
import type { TempUser } from '../../support/cli-harness';
import { coreBackendFor, devCredentials, emulatorUser } from '../../support/emulator-user';
import { oathtoolTotp, requireOathtool } from '../../support/oathtool';
import { SteppingClock } from '../../support/stepping-clock';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const ROLE = 'arn:aws:iam::123456789012:role/Admin';
const CONFIG = `[profile dev]\nregion = us-east-1\n\n[profile admin]\nrole_arn = ${ROLE}\nsource_profile = dev\nmfa_serial = ${SERIAL}\nregion = us-east-1\n`;

const clock = new SteppingClock();
// Two keys plugged in, each with a credential for the same ARN but its own seed: the code tells which key answered.
const seeds = [randomBytes(20), randomBytes(20)];
const keys = seeds.map((secret, i) =>
  VirtualYubiKey.create({ serial: 1000 + i, credentials: [{ name: SERIAL, secret, touch: true }], touch: { kind: 'auto', delayMs: 20 } }),
);
const readerNames = ['Virtual reader A', 'Virtual reader B'];
let plugged = readerNames;
const readers: CardReaders = {
  listReaders: async () => plugged.map((name) => ({ name, cardPresent: true })),
  connect: async (reader) => {
    const key = keys[readerNames.indexOf(reader)];
    if (key === undefined) throw new Error(`no reader ${reader}`);
    return { transmit: (apdu) => key.transmit(apdu), close: async () => undefined };
  },
};

let emulator: StsEmulator;
let user: TempUser;
let core: AppBackend;
const touches: TouchEvent['state'][] = [];
const lists: SessionView[][] = [];

beforeAll(async () => {
  requireOathtool();
  emulator = await startStsEmulator({ host: '127.0.0.1', clock });
  const alice = emulator.addUser({ userName: 'alice' });
  // AWS knows the first key's seed: sessions are made with it.
  emulator.addMfaDevice({ serial: SERIAL, seedBase32: base32Encode(seeds[0] ?? new Uint8Array()), userName: 'alice' });
  emulator.addRole({ roleArn: ROLE, requireMfa: true });
  user = emulatorUser(emulator.url, { config: CONFIG, credentials: devCredentials(alice) });
  core = await coreBackendFor(user, clock, readers);
  core.on('touchPrompt', (e) => touches.push(e.state));
  core.on('sessionsChanged', (s) => lists.push(s));
});

afterAll(async () => {
  await core?.close();
  await emulator?.stop();
});

const credentialsFile = (): string => join(user.awsDir, 'credentials');

describe('core backend: yubikey code with key selection', () => {
  it('reads the code of the key the window picked (by deviceId), one touch, valid to the end of its step', async () => {
    const status = await core.yubikeyStatus();
    expect(status.keys.map((k) => k.serial)).toEqual([1000, 1001]);
    expect(status.mfaCredentials.map((c) => [c.deviceId, c.name, c.touch])).toEqual(status.keys.map((k) => [k.deviceId, SERIAL, true]));
    for (const [i, key] of status.keys.entries()) {
      touches.length = 0;
      const before = clock.now();
      const r = await core.yubikeyCode({ name: SERIAL, deviceId: key.deviceId });
      const step = Math.floor(before / 30_000);
      // The code of this step (or the next, if the step turned during the call), as oathtool computes it from this key's seed.
      const expected = await Promise.all([step, step + 1].map((s) => oathtoolTotp({ secret: seeds[i] ?? new Uint8Array(), atMs: s * 30_000 })));
      expect(expected).toContain(r.code);
      const at = expected.indexOf(r.code) + step;
      expect(r).toEqual({ credential: SERIAL, code: r.code, validTo: new Date((at + 1) * 30_000).toISOString() });
      expect(touches).toEqual(['needed', 'done']);
    }
  });

  it('asks which key when several are plugged in and none is picked', async () => {
    await expect(core.yubikeyCode({ name: SERIAL })).rejects.toMatchObject({ code: 'yubikey-ambiguous' });
  });
});

describe('core backend: whoami and decode use the session the agent holds', () => {
  it('whoami after an elevation: the role ARN, no second touch', async () => {
    plugged = readerNames.slice(0, 1); // the spare key unplugged: elevation asks the key AWS knows
    touches.length = 0;
    await core.elevate({ profile: 'admin', durationSeconds: 3600 });
    expect(touches).toEqual(['needed', 'done']);
    const id = await core.whoami('admin');
    expect(id).toMatchObject({ profile: 'admin', account: '123456789012', arn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\/Admin\//) });
    expect(id.lines).toEqual([id.arn, `account 123456789012, user id ${id.userId}`]);
    expect(touches).toEqual(['needed', 'done']);
  });

  it('decodes an authorization message as indented JSON, signed with the same session (no touch)', async () => {
    touches.length = 0;
    const decoded = { allowed: false, context: { action: 'ec2:RunInstances', resource: '*' } };
    const message = emulator.encodeAuthorizationMessage(JSON.stringify(decoded));
    expect(await core.decodeMessage({ profile: 'admin', message })).toBe(JSON.stringify(decoded, null, 2));
    await expect(core.decodeMessage({ profile: 'admin', message: 'bm90LWEtbWVzc2FnZQ' })).rejects.toMatchObject({ code: expect.stringMatching(/^sts-/) });
    expect(touches).toEqual([]);
  });
});

describe('core backend: whoami without a session', () => {
  it('makes a session for it, caches it without writing it, and the window lists it', async () => {
    await core.end('admin');
    touches.length = 0;
    lists.length = 0;
    const before = readFileSync(credentialsFile(), 'utf8');
    expect((await core.whoami('admin')).arn).toMatch(/:assumed-role\/Admin\//);
    // The MFA session touchrole keeps (`end` leaves it, `logout` drops it) assumes the role again: no touch.
    expect(touches).toEqual([]);
    expect(readFileSync(credentialsFile(), 'utf8')).toBe(before);
    expect(lists.at(-1)).toEqual([expect.objectContaining({ profile: 'admin', roleArn: ROLE })]);
    expect(lists.at(-1)?.[0]?.writtenProfile).toBeUndefined();
  });
});

describe('core backend: clean', () => {
  it('removes only the expired touchrole section; every other byte stays; the session list follows', async () => {
    clock.skipSteps(1);
    await core.elevate({ profile: 'admin', durationSeconds: 3600 });
    const held = readFileSync(credentialsFile(), 'utf8');
    expect(held).toContain('[admin-touchrole]');
    const expired = upsertManagedSection('', 'old-touchrole', {
      accessKeyId: 'ASIAOLDOLDOLDOLDOLD1',
      secretAccessKey: 's'.repeat(40),
      sessionToken: 'token',
      expiresAt: clock.now() - 60_000,
    });
    const unmanaged = '# my own\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = x\n';
    writeFileSync(credentialsFile(), `${held}\n${expired}\n${unmanaged}`);
    lists.length = 0;
    const r = await core.clean();
    expect(r).toEqual({
      removed: ['old-touchrole'],
      cacheEntriesRemoved: 0,
      tempFilesRemoved: 0,
      lines: [`Removed 1 expired session(s) from ${credentialsFile()}: old-touchrole`],
    });
    // The section goes with the blank line that closed it (as `touchrole clean` removes it); the rest is byte for byte.
    expect(readFileSync(credentialsFile(), 'utf8')).toBe(`${held}\n${unmanaged}`);
    expect(lists.at(-1)?.map((s) => s.profile)).toEqual(['admin']);
    expect((await core.clean()).lines).toEqual([`No expired sessions in ${credentialsFile()}`]);
  });
});
