// SPDX-License-Identifier: MIT
/**
 * Yubico's own client against the virtual YubiKey behind the real pcscd: if ykman lists,
 * adds, calculates and unlocks on it, and its codes equal oathtool's, the emulator behaves
 * like a YubiKey and is a fair reference for touchrole. Port: env TOUCHROLE_TEST_VPCD_PORT.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { oathtoolHotp, oathtoolTotp } from '../../support/oathtool';
import { requireReader, waitForCard } from '../../support/pcscd';
import {
  credentialId,
  readerNameForPort,
  testVpcdPort,
  VirtualYubiKey,
  type VirtualCredentialOptions,
  type VirtualYubiKeyOptions,
} from '../../support/virtual-yubikey';
import { parseCodes, Ykman } from '../../support/ykman';

const port = testVpcdPort();
const reader = readerNameForPort(port);
const ykman = new Ykman(reader);
let key: VirtualYubiKey | undefined;

const SECRET_20 = Buffer.from('3132333435363738393031323334353637383930', 'hex');
const SECRET_32 = Buffer.from('12345678901234567890123456789012');
const SECRET_64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

const TOTP_CREDENTIALS: VirtualCredentialOptions[] = [
  { issuer: 'Example', name: 'alice', secret: SECRET_20 },
  { issuer: 'AWS', name: 'arn:aws:iam::123456789012:mfa/bob', secret: SECRET_32, algorithm: 'SHA256', digits: 8 },
  { name: 'sha512-seven', secret: SECRET_64, algorithm: 'SHA512', digits: 7 },
  { issuer: 'Slow', name: 'minute', secret: SECRET_20, period: 60, digits: 8 },
  { name: 'fifteen', secret: SECRET_32, algorithm: 'SHA256', period: 15 },
];

/** ykman 4 shows the stored id, period prefix included ("60/Slow:minute"). */
const displayName = credentialId;

async function startKey(options: VirtualYubiKeyOptions): Promise<VirtualYubiKey> {
  key = await VirtualYubiKey.start({ port, ...options });
  await waitForCard(reader, true);
  return key;
}

/** Runs `accounts code` until it ran within one time step of every period, for comparison. */
async function codesAtOneStep(args: string[], periods: number[]): Promise<{ codes: Map<string, string>; atMs: number }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = Date.now();
    const stdout = await ykman.ok(['oath', 'accounts', 'code', ...args]);
    const after = Date.now();
    const step = (ms: number, p: number): number => Math.floor(ms / 1000 / p);
    if (periods.every((p) => step(before, p) === step(after, p))) return { codes: parseCodes(stdout), atMs: before };
  }
  throw new Error('ykman straddled a time-step boundary three times in a row');
}

beforeAll(async () => {
  const state = await requireReader(reader);
  if (state.cardPresent) {
    throw new Error(`"${reader}" already holds a card: another virtual key is using port ${port}`);
  }
});

afterEach(async () => {
  await key?.stop();
  key = undefined;
  await waitForCard(reader, false);
});

afterAll(() => ykman.dispose());

describe(`ykman --reader "${reader}" against the virtual YubiKey`, () => {
  it('reads the serial and firmware version through the management applet', async () => {
    await startKey({ serial: 23456789 });
    const info = await ykman.ok(['info']);
    expect(info).toMatch(/Serial number: 23456789/);
    expect(info).toMatch(/Firmware version: 5\.4\.3/);
  });

  it("lists exactly the loaded credentials and gives oathtool's codes for every algorithm, length and period", async () => {
    const hotp: VirtualCredentialOptions = { name: 'counter', secret: SECRET_20, type: 'HOTP' };
    await startKey({ credentials: [...TOTP_CREDENTIALS, hotp] });

    const listed = (await ykman.ok(['oath', 'accounts', 'list'])).trim().split('\n');
    expect([...listed].sort()).toEqual([...TOTP_CREDENTIALS, hotp].map(displayName).sort());

    const periods = TOTP_CREDENTIALS.map((c) => c.period ?? 30);
    const { codes, atMs } = await codesAtOneStep([], periods);
    for (const c of TOTP_CREDENTIALS) {
      const expected = await oathtoolTotp({ ...c, atMs });
      expect({ name: displayName(c), code: codes.get(displayName(c)) }).toEqual({ name: displayName(c), code: expected });
    }
    expect(codes.get('counter')).toBe('[HOTP Account]');

    // HOTP: each CALCULATE moves the counter, as oathtool's --counter says.
    expect((await ykman.ok(['oath', 'accounts', 'code', '-s', 'counter'])).trim()).toBe(await oathtoolHotp({ secret: SECRET_20, counter: 0 }));
    expect((await ykman.ok(['oath', 'accounts', 'code', '-s', 'counter'])).trim()).toBe(await oathtoolHotp({ secret: SECRET_20, counter: 1 }));
  });

  it('stores what `oath accounts add` PUTs (algorithm, digits, touch) and calculates it', async () => {
    await startKey({});
    // base32 of SECRET_20
    const base32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    await ykman.ok(['oath', 'accounts', 'add', '-f', '-a', 'SHA256', '-d', '8', '-i', 'Added', 'dave', base32]);
    await ykman.ok(['oath', 'accounts', 'add', '-f', '--touch', 'tapme', base32]);
    await ykman.ok(['oath', 'accounts', 'add', '-f', '-o', 'HOTP', '-c', '5', 'hot5', base32]);
    const stored = key?.credentials() ?? [];
    expect(stored.map((c) => [c.id, c.type, c.algorithm, c.digits, c.touch, c.counter])).toEqual([
      ['Added:dave', 'TOTP', 'SHA256', 8, false, 0],
      ['tapme', 'TOTP', 'SHA1', 6, true, 0],
      ['hot5', 'HOTP', 'SHA1', 6, false, 5],
    ]);
    expect(Buffer.from(stored[0]?.secret ?? []).subarray(0, 20)).toEqual(SECRET_20);

    const { codes, atMs } = await codesAtOneStep([], [30]);
    expect(codes.get('Added:dave')).toBe(await oathtoolTotp({ secret: SECRET_20, atMs, algorithm: 'SHA256', digits: 8 }));
    expect(codes.get('tapme')).toBe('[Requires Touch]');
    expect((await ykman.ok(['oath', 'accounts', 'code', '-s', 'hot5'])).trim()).toBe(await oathtoolHotp({ secret: SECRET_20, counter: 5 }));

    await ykman.ok(['oath', 'accounts', 'delete', '-f', 'dave']);
    expect(key?.credentials().map((c) => c.id)).toEqual(['tapme', 'hot5']);
  });

  it('unlocks with the password ykman derives (PBKDF2), and sets, changes and clears one', async () => {
    await startKey({ password: 'correct horse', credentials: TOTP_CREDENTIALS.slice(0, 1) });
    const wrong = await ykman.run(['oath', 'accounts', 'list', '-p', 'wrong']);
    expect(wrong.exitCode).not.toBe(0);
    expect(wrong.stderr).toMatch(/Authentication to the YubiKey failed/);
    expect((await ykman.ok(['oath', 'accounts', 'list', '-p', 'correct horse'])).trim()).toBe('Example:alice');

    await ykman.ok(['oath', 'access', 'change', '-p', 'correct horse', '-n', 'battery staple']);
    expect((await ykman.run(['oath', 'accounts', 'list', '-p', 'correct horse'])).exitCode).not.toBe(0);
    expect((await ykman.ok(['oath', 'accounts', 'list', '-p', 'battery staple'])).trim()).toBe('Example:alice');

    await ykman.ok(['oath', 'access', 'change', '-p', 'battery staple', '--clear']);
    expect(key?.hasPassword).toBe(false);
    expect((await ykman.ok(['oath', 'accounts', 'list'])).trim()).toBe('Example:alice');

    await ykman.ok(['oath', 'access', 'change', '-n', 'fresh']);
    expect(key?.hasPassword).toBe(true);
    expect((await ykman.run(['oath', 'accounts', 'list'])).exitCode).not.toBe(0);
  });

  it('makes ykman wait for touch, and report a touch timeout when nobody touches', async () => {
    const touchy: VirtualCredentialOptions = { issuer: 'AWS', name: 'touch-me', secret: SECRET_20, touch: true };
    await startKey({ credentials: [touchy], touch: { kind: 'auto', delayMs: 700 } });
    const started = Date.now();
    const stdout = await ykman.ok(['oath', 'accounts', 'code', '-s', 'touch-me']);
    const atMs = Date.now();
    expect(atMs - started).toBeGreaterThanOrEqual(700);
    expect(key?.touchRequests).toBe(1);
    const candidates = await Promise.all([started, atMs].map((t) => oathtoolTotp({ secret: SECRET_20, atMs: t })));
    expect(candidates).toContain(stdout.trim());

    key?.setTouchBehaviour({ kind: 'manual', timeoutMs: 1000 });
    const timedOut = await ykman.run(['oath', 'accounts', 'code', '-s', 'touch-me']);
    expect(timedOut.exitCode).not.toBe(0);
    expect(timedOut.stderr).toMatch(/Touch account timed out/);
  });

  it('lists and calculates 45 credentials (responses chained with 0x61xx)', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      issuer: 'Bulk',
      name: `user-${String(i).padStart(2, '0')}@example.com`,
      secret: Buffer.concat([SECRET_20, Buffer.from([i])]),
    }));
    await startKey({ credentials: many, capacity: 64 });
    const listed = (await ykman.ok(['oath', 'accounts', 'list'])).trim().split('\n');
    expect(listed).toEqual(many.map(displayName));
    const { codes, atMs } = await codesAtOneStep([], [30]);
    expect(codes.size).toBe(45);
    for (const c of [many[0], many[22], many[44]]) {
      if (c === undefined) continue;
      expect(codes.get(displayName(c))).toBe(await oathtoolTotp({ secret: c.secret, atMs }));
    }
  });

  it('disappears from pcscd when removed and comes back with its credentials when inserted', async () => {
    const k = await startKey({ credentials: TOTP_CREDENTIALS.slice(0, 1) });
    await k.remove();
    await waitForCard(reader, false);
    const absent = await ykman.run(['oath', 'accounts', 'list']);
    expect(absent.exitCode).not.toBe(0);
    await k.insert();
    await waitForCard(reader, true);
    expect((await ykman.ok(['oath', 'accounts', 'list'])).trim()).toBe('Example:alice');
  });

  it('leaves ykman without an answer when pulled while waiting for touch', async () => {
    const touchy: VirtualCredentialOptions = { name: 'touch-me', secret: SECRET_20, touch: true };
    const k = await startKey({ credentials: [touchy], touch: { kind: 'remove', afterMs: 500 } });
    const pulled = await ykman.run(['oath', 'accounts', 'code', '-s', 'touch-me']);
    expect(pulled.exitCode).not.toBe(0);
    expect(pulled.stderr).toMatch(/no valid response|removed/i);
    expect(k.inserted).toBe(false);
    await waitForCard(reader, false);
  });

  it('is wiped by `oath reset`', async () => {
    const k = await startKey({ password: 'pw', credentials: TOTP_CREDENTIALS.slice(0, 2) });
    const before = k.deviceId;
    await ykman.ok(['oath', 'reset', '-f']);
    expect(k.credentials()).toEqual([]);
    expect(k.hasPassword).toBe(false);
    expect(k.deviceId).not.toBe(before);
  });
});
