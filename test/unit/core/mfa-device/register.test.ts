// SPDX-License-Identifier: MIT
import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { dynamicTruncate, formatCode, totpChallenge } from '../../../../src-shared/oath-codec/totp';
import { TouchroleError } from '../../../../src-shared/errors';
import { ManualClock } from '../../../../src-shared/time/clock';
import { registerMfaDevice, unregisterMfaDevice, type MfaDeviceDeps, type MfaKey, type ProfileConfigEditor } from '../../../../src-main/core/mfa-device';
import { FakeIam } from '../../../support/fake-sts';

const SEED_BYTES = Buffer.from('Hello!\xde\xad\xbe\xefHello!\xde\xad\xbe\xef', 'latin1'); // JBSWY3DPEHPK3PXP x2, FakeIam's seed

/** A YubiKey stand-in: keeps a copy of the seed and computes TOTP as the applet does. */
class FakeMfaKey implements MfaKey {
  readonly creds = new Map<string, { secret: Buffer; touch: boolean }>();
  received: Uint8Array | undefined;
  async put(name: string, secret: Uint8Array, touch: boolean): Promise<string> {
    this.received = secret;
    this.creds.set(name, { secret: Buffer.from(secret), touch });
    return name;
  }
  async consecutiveCodes(id: string, nowMs: number): Promise<[string, string]> {
    const c = this.creds.get(id);
    if (c === undefined) throw new TouchroleError('oath-no-such-credential', 'no such credential');
    const code = (t: number): string => formatCode(dynamicTruncate(createHmac('sha1', c.secret).update(totpChallenge(t)).digest()), 6);
    return [code(nowMs), code(nowMs + 30_000)];
  }
  async remove(serial: string): Promise<boolean> {
    return this.creds.delete(serial);
  }
}

let clock: ManualClock;
let iam: FakeIam;
let key: FakeMfaKey;
let config: Map<string, string>;
let deps: MfaDeviceDeps;
const enabled: Array<{ code1: string; code2: string }> = [];
const sleeps: number[] = [];

beforeEach(() => {
  clock = new ManualClock(59_000);
  iam = new FakeIam(clock);
  key = new FakeMfaKey();
  config = new Map();
  const editor: ProfileConfigEditor = {
    set: async (p, k, v) => (config.set(`${p}.${k}`, v), true),
    remove: async (p, k) => config.delete(`${p}.${k}`),
  };
  enabled.length = 0;
  const spy = Object.assign(Object.create(iam) as FakeIam, {
    enableMFADevice: (
      ctx: Parameters<FakeIam['enableMFADevice']>[0],
      input: Parameters<FakeIam['enableMFADevice']>[1] & { authenticationCode1: string; authenticationCode2: string },
    ) => {
      enabled.push({ code1: input.authenticationCode1, code2: input.authenticationCode2 });
      return iam.enableMFADevice(ctx, input);
    },
  });
  sleeps.length = 0;
  deps = {
    iam: spy,
    clock,
    key,
    config: { ...editor },
    credentials: { accessKeyId: 'AKIAX', secretAccessKey: 's' },
    sleep: async (ms) => void sleeps.push(ms),
  };
});

describe('registerMfaDevice', () => {
  it('puts the seed on the key under the device ARN, enables with the codes for T and T+1, sets mfa_serial', async () => {
    const marked: Array<[string, number]> = [];
    const r = await registerMfaDevice('work', { ...deps, markCodeUsed: async (s, step) => void marked.push([s, step]) }, { touch: true });
    const serial = 'arn:aws:iam::123456789012:mfa/alice';
    // Steps 1 (59 s) and 2 (89 s) were spent: the ledger hears of the later one.
    expect(marked).toEqual([[serial, 2]]);
    expect(r).toEqual({ profile: 'work', userName: 'alice', serialNumber: serial, oathCredential: serial, touch: true });
    expect(key.creds.get(serial)?.secret).toEqual(SEED_BYTES);
    expect(key.creds.get(serial)?.touch).toBe(true);
    // RFC 6238 SHA1 codes of the seed at 59 s and 89 s (independently computed with oathtool).
    expect(enabled).toEqual([{ code1: '503347', code2: '946038' }]);
    expect(iam.devices.map((d) => d.serialNumber)).toEqual([serial]);
    expect(config.get('work.mfa_serial')).toBe(serial);
    // The seed buffer handed to the key was zeroed afterwards.
    expect(key.received?.every((b) => b === 0)).toBe(true);
  });

  it('EnableMFADevice fails: the credential and the IAM device are removed again, the profile is untouched', async () => {
    iam.failNext('enableMFADevice', new TouchroleError('iam-error', 'IAM EnableMFADevice failed (InvalidAuthenticationCode)'));
    await expect(registerMfaDevice('work', deps, { touch: false })).rejects.toThrow(
      /InvalidAuthenticationCode.*the YubiKey credential was removed; the unused IAM MFA device was deleted/,
    );
    expect(key.creds.size).toBe(0);
    expect(config.size).toBe(0);
    // "Not enabled" was concluded only after three lookups, 2 s apart (IAM is eventually consistent).
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('EnableMFADevice answers an error after AWS enabled the device: IAM is asked, nothing is undone, mfa_serial is set', async () => {
    const serial = 'arn:aws:iam::123456789012:mfa/alice';
    deps.iam = Object.assign(Object.create(iam) as FakeIam, {
      enableMFADevice: async (ctx: Parameters<FakeIam['enableMFADevice']>[0], input: Parameters<FakeIam['enableMFADevice']>[1]) => {
        await iam.enableMFADevice(ctx, input); // AWS did it; the answer never arrived
        throw new TouchroleError('sts-network', 'IAM EnableMFADevice timed out');
      },
    });
    const r = await registerMfaDevice('work', deps, { touch: false });
    expect(r.serialNumber).toBe(serial);
    expect(key.creds.has(serial)).toBe(true);
    expect(iam.devices.map((d) => d.serialNumber)).toEqual([serial]);
    expect(config.get('work.mfa_serial')).toBe(serial);
  });

  it('IAM lists the device only on the second lookup: nothing is undone', async () => {
    const serial = 'arn:aws:iam::123456789012:mfa/alice';
    let lookups = 0;
    deps.iam = Object.assign(Object.create(iam) as FakeIam, {
      enableMFADevice: async () => {
        throw new TouchroleError('sts-network', 'IAM EnableMFADevice timed out');
      },
      listMFADevices: async () => {
        lookups += 1;
        return lookups < 2 ? [] : [{ userName: 'alice', serialNumber: serial }];
      },
    });
    await registerMfaDevice('work', deps, { touch: false });
    expect(lookups).toBe(2);
    expect(key.creds.has(serial)).toBe(true);
    expect(config.get('work.mfa_serial')).toBe(serial);
  });

  it('EnableMFADevice fails and IAM cannot be asked: the seed stays on the key and the message says what to check', async () => {
    const serial = 'arn:aws:iam::123456789012:mfa/alice';
    iam.failNext('enableMFADevice', new TouchroleError('sts-network', 'IAM EnableMFADevice timed out'));
    iam.failNext('listMFADevices', new TouchroleError('sts-network', 'IAM ListMFADevices timed out'));
    const err = await registerMfaDevice('work', deps, { touch: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TouchroleError);
    expect((err as TouchroleError).message).toMatch(/may or may not have finished.*seed stays on the YubiKey/);
    expect((err as TouchroleError).hint).toContain(`aws iam list-mfa-devices --user-name alice`);
    expect(key.creds.has(serial)).toBe(true);
    expect(config.size).toBe(0);
  });

  it('unregister undoes register', async () => {
    const r = await registerMfaDevice('work', deps, { touch: false });
    const u = await unregisterMfaDevice('work', r.serialNumber, deps);
    expect(u).toEqual({ profile: 'work', serialNumber: r.serialNumber, removedFromKey: true });
    expect(iam.devices).toEqual([]);
    expect(key.creds.size).toBe(0);
    expect(config.size).toBe(0);
  });
});
