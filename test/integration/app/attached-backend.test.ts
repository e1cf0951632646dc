// SPDX-License-Identifier: MIT
// When a `touchrole agent` already runs, the app attaches to it as a client over the real socket:
// sessions, elevation and touch prompts go through that agent; the tray app runs on top of it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachToAgent } from '../../../src-main/app/attached-backend';
import type { AppBackend } from '../../../src-main/core/agent';
import { runAgent, type RunningAgent } from '../../../src-main/core/agent';
import { TouchroleError } from '../../../src-shared/errors';
import { ManualClock, type Clock } from '../../../src-shared/time/clock';
import { startStsEmulator, virtualKeyReaders, VirtualYubiKey } from '../../../src-emulators';
import { upsertManagedSection } from '../../../src-main/core/aws-config';
import { OathClient } from '../../../src-main/core/oath';
import { FakeHidBus, hidInterface } from '../../support/fake-hid-bus';
import { FakeKeychain } from '../../support/fake-keychain';
import { makeTempUser, type TempUser } from '../../support/cli-harness';
import { FakeBackend } from '../../support/fake-backend';
import { ManualTimers } from '../../support/manual-timers';
import { privateDir } from '../../support/agent/raw-client';
import { requireSecretService } from '../../support/gnome-keyring';
import { VirtualOtpHid } from '../../support/virtual-otp-hid';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MFA = 'arn:aws:iam::123456789012:mfa/alice';

let tmp: { dir: string; cleanup: () => Promise<void> };
let clock: ManualClock;
let backend: FakeBackend;
let agent: RunningAgent;
let socketPath: string;
let user: TempUser;
let attached: AppBackend | undefined;

beforeEach(async () => {
  tmp = await privateDir();
  socketPath = join(tmp.dir, 'agent.sock');
  clock = new ManualClock(T0);
  backend = new FakeBackend({ clock: clock });
  agent = await runAgent({ backend, clock, timers: new ManualTimers(clock), socketPath });
  user = makeTempUser({
    config:
      '[profile dev]\nregion = us-east-1\n\n' +
      '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n',
    credentials: '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = example\n',
  });
});
afterEach(async () => {
  await attached?.close();
  attached = undefined;
  await agent.close();
  await tmp.cleanup();
});

describe('app attached to a running agent', () => {
  it('lists, elevates, renews and ends through the agent, with its touch prompts', async () => {
    attached = await attachToAgent({ clock, env: user.env, socketPath });
    if (attached === undefined) throw new Error('did not attach');
    const app = attached;
    const touches: string[] = [];
    const changes: number[] = [];
    app.on('touchPrompt', (t) => touches.push(`${t.state} ${t.profile ?? ''}`));
    app.on('sessionsChanged', (s) => changes.push(s.length));
    expect(await app.sessions()).toEqual([]);
    const s = await app.elevate({ profile: 'admin', durationSeconds: 3600 });
    expect(s).toMatchObject({ profile: 'admin', writtenProfile: 'admin-touchrole' });
    expect(backend.log).toEqual(['elevate admin']);
    await expect.poll(() => touches).toContain('needed admin');
    expect((await app.sessions()).map((x) => x.profile)).toEqual(['admin']);
    await app.renew('admin');
    await app.end('admin');
    expect(backend.log).toEqual(['elevate admin', 'renew admin', 'elevate admin', 'end admin']);
    expect(await app.sessions()).toEqual([]);
    expect(changes.at(-1)).toBe(0);
  });

  it("lists the keys and their MFA credentials in-process beside the agent, reads a code; none listed during the agent's touch", async () => {
    const key = VirtualYubiKey.create({
      credentials: [{ issuer: 'AWS', name: MFA, secret: new Uint8Array(20).fill(3), touch: true }],
      touch: { kind: 'auto', delayMs: 10 },
    });
    const oath = async (): Promise<OathClient> => new OathClient({ readers: virtualKeyReaders(key), keychain: new FakeKeychain() });
    attached = await attachToAgent({ clock, env: user.env, socketPath, oath });
    const app = attached;
    if (app === undefined) throw new Error('did not attach');
    const status = await app.yubikeyStatus();
    expect(status).toMatchObject({ state: 'ready', keys: [{ locked: false }], mfaCredentials: [{ name: `AWS:${MFA}`, mfaSerial: MFA, touch: true }] });
    const touches: string[] = [];
    app.on('touchPrompt', (t) => touches.push(t.state));
    expect(await app.yubikeyCode({ name: `AWS:${MFA}` })).toMatchObject({ credential: `AWS:${MFA}`, code: expect.stringMatching(/^\d{6}$/) });
    expect(touches).toEqual(['needed', 'done']);
    expect(backend.calls.map((c) => c.method)).not.toContain('yubikeyCode'); // the agent was not asked

    backend.key.touchMode = 'manual';
    const elevation = app.elevate({ profile: 'admin', durationSeconds: 3600 });
    await expect.poll(() => backend.key.touchPending).toBe(true);
    expect(await app.yubikeyStatus()).toEqual({ state: 'touch', keys: [], mfaCredentials: [] }); // the agent has the key: not asked
    backend.key.touch();
    await elevation;
  });

  it("shows why the keys could not be listed beside the agent, with the agent's state", async () => {
    const busy = new TouchroleError('yubikey-busy', 'The YubiKey is in use by another program', { hint: 'Close it and try again.' });
    attached = await attachToAgent({ clock, env: user.env, socketPath, oath: () => Promise.reject(busy) });
    expect(await attached?.yubikeyStatus()).toEqual({ state: 'ready', keys: [], mfaCredentials: [], problem: busy.toWire() });
  });

  it('reads profiles and settings as the CLI does', async () => {
    attached = await attachToAgent({ clock, env: user.env, socketPath });
    expect((await attached?.roleProfiles())?.map((p) => p.name)).toEqual(['admin']);
    expect(await attached?.settings()).toMatchObject({ profileSuffix: '-touchrole' });
  });

  it('registers an MFA device and rotates with it in-process, as the CLI does beside a running agent; touches reach the window', async () => {
    let offsetMs = 0; // AWS takes each code once: the clock (shared with the emulator) moves to the next step instead of waiting
    const stepping: Clock = { now: () => Date.now() + offsetMs };
    const emulator = await startStsEmulator({ host: '127.0.0.1', clock: stepping });
    try {
      const bob = emulator.addUser({ userName: 'bob' });
      const env = { ...user.env, AWS_ENDPOINT_URL_IAM: emulator.url, AWS_ENDPOINT_URL_STS: emulator.url };
      writeFileSync(join(user.awsDir, 'credentials'), `[dev]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`);
      const key = VirtualYubiKey.create({ credentials: [], touch: { kind: 'auto', delayMs: 20 } });
      const keychain = new FakeKeychain();
      attached = await attachToAgent({ clock: stepping, env, socketPath, oath: async () => new OathClient({ readers: virtualKeyReaders(key), keychain }) });
      const app = attached;
      if (app === undefined) throw new Error('did not attach');
      const touches: string[] = [];
      app.on('touchPrompt', (t) => touches.push(t.state));

      expect((await app.registerMfaDevice('dev')).message).toMatch(/^Registered the YubiKey as MFA device arn:aws:iam::\d+:mfa\/bob for IAM user bob/);
      expect(touches).toEqual(['needed', 'done', 'needed', 'done']);
      offsetMs += 60_000;
      const { message } = await app.rotateKey('dev');
      const newKey = (await app.keyAges()).find((e) => e.profile === 'dev')?.accessKeyId ?? '';
      expect(message).toMatch(new RegExp(`^Rotated "dev": new key ${newKey} stored in .*credentials and working; old key ${bob.accessKeyId} is inactive`));
      expect(touches).toHaveLength(6); // one more touch: the MFA session for IAM
      expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toContain(newKey);
      expect(backend.calls.map((c) => c.method)).not.toContain('rotateKey'); // the agent was not asked
    } finally {
      await emulator.stop();
    }
  });

  it('stores, lists and removes keychain keys in-process (gnome-keyring), as `touchrole keys` does beside a running agent', async () => {
    requireSecretService();
    attached = await attachToAgent({ clock, env: user.env, socketPath });
    const app = attached;
    if (app === undefined) throw new Error('did not attach');
    const pair = { accessKeyId: 'AKIAATTACHEDEXAMPLE1', secretAccessKey: 'attached/Secret+Key' };
    expect(await app.addSourceKey({ profile: 'dev', ...pair, replace: false })).toEqual({
      message: 'Stored AKIAATTACHEDEXAMPLE1 for profile "dev" in the keychain',
    });
    expect(await app.sourceKeys()).toEqual([{ profile: 'dev', accessKeyId: pair.accessKeyId, storedAt: new Date(T0).toISOString() }]);
    expect(await app.removeSourceKey('dev')).toEqual({ message: 'Removed the keys of profile "dev" from the keychain' });
    expect(await app.sourceKeys()).toEqual([]);
    expect(backend.calls.map((c) => c.method)).not.toContain('addSourceKey'); // the agent was not asked
  });

  it('cleans in-process, as `touchrole clean` does beside a running agent, then the agent re-reads and the window follows', async () => {
    const expired = upsertManagedSection('', 'old-touchrole', {
      accessKeyId: 'ASIAOLD',
      secretAccessKey: 's',
      sessionToken: 't',
      expiresAt: Date.now() - 60_000,
    });
    const before = readFileSync(join(user.awsDir, 'credentials'), 'utf8');
    writeFileSync(join(user.awsDir, 'credentials'), `${before}\n${expired}`);
    backend.addSession('admin', T0 + 3600_000); // a session the agent holds
    attached = await attachToAgent({ clock: { now: () => Date.now() }, env: user.env, socketPath });
    const app = attached;
    if (app === undefined) throw new Error('did not attach');
    const changes: string[][] = [];
    app.on('sessionsChanged', (s) => changes.push(s.map((x) => x.profile)));
    const asked = backend.calls.filter((c) => c.method === 'sessions').length;
    expect((await app.clean()).removed).toEqual(['old-touchrole']);
    expect(readFileSync(join(user.awsDir, 'credentials'), 'utf8')).toBe(before); // the section and the blank line before it
    expect(backend.calls.filter((c) => c.method === 'sessions').length).toBe(asked + 1); // the agent re-read its sessions
    expect(changes.at(-1)).toEqual(['admin']);
    expect(backend.log).toEqual([]); // nothing of the agent's ended
  });

  it('reads an OTP slot code in-process over the HID bus it was given, as `touchrole yubikey code --slot` does; touches reach the window', async () => {
    const key = new VirtualOtpHid({ slot2: { key: new Uint8Array(20).fill(7), requireTouch: true }, touchAfterReads: 2 });
    attached = await attachToAgent({ clock, env: user.env, socketPath, hid: new FakeHidBus([hidInterface('otp')], { otp: key }) });
    const app = attached;
    if (app === undefined) throw new Error('did not attach');
    const touches: string[] = [];
    app.on('touchPrompt', (t) => touches.push(t.state));
    expect(await app.yubikeyCode({ slot: 2 })).toEqual({
      credential: 'OTP slot 2',
      code: expect.stringMatching(/^\d{6}$/),
      validTo: '2026-01-01T12:00:30.000Z',
    });
    expect(touches).toEqual(['needed', 'done']);
    expect(backend.calls.map((c) => c.method)).not.toContain('yubikeyCode'); // the agent was not asked
  });

  it('resolves undefined when no agent answers', async () => {
    expect(await attachToAgent({ clock, env: user.env, socketPath: join(tmp.dir, 'none.sock') })).toBeUndefined();
  });
});
