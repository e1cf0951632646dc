// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src-shared/time/clock';
import { parseConfigFile, parseCredentialsFile, mergeProfiles } from '../../../../src-shared/aws-ini';
import { buildProfileSet } from '../../../../src-main/core/aws-config';
import { VirtualYubiKey } from '../../../../src-emulators';
import { FakeKeychain } from '../../../support/fake-keychain';
import { OathClient, type CardReaders } from '../../../../src-main/core/oath';
import { yubikeyMfaCodes } from '../../../../src-main/core/service';
import type { TouchInfo } from '../../../../src-main/core/prompt';
import { recordingPrompter } from '../../../support/recording-prompter';
import { FakeHidBus, hidInterface } from '../../../support/fake-hid-bus';
import { VirtualOtpHid } from '../../../support/virtual-otp-hid';

const MFA = 'arn:aws:iam::123456789012:mfa/alice';
const SECRET = Buffer.from('12345678901234567890');
const T = 59_000; // RFC 6238: SHA1, 8 digits -> 94287082; 6 digits -> 287082

function readersOf(keys: Record<string, VirtualYubiKey>): CardReaders {
  return {
    listReaders: async () => Object.keys(keys).map((name) => ({ name, cardPresent: true })),
    connect: async (name) => ({ transmit: (apdu) => (keys[name] as VirtualYubiKey).transmit(apdu), close: async () => undefined }),
  };
}

function profiles(config: string) {
  const cfg = parseConfigFile(config);
  const creds = parseCredentialsFile('[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
  return buildProfileSet({
    paths: { configFile: 'c', credentialsFile: 'k', profile: 'default' },
    config: cfg,
    credentials: creds,
    credentialsText: '',
    merged: mergeProfiles(cfg, creds),
  }).profiles;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as { code?: string; message?: string; hint?: string },
  );

describe('yubikeyMfaCodes', () => {
  // The profile reaches the prompt as data, whatever the purpose text says.
  it.each([
    ['with the touch prompt', { purpose: 'elevate admin' }, undefined],
    ['with the profile given to the prompt as data', { purpose: 'open the console of admin', profile: 'admin' }, 'admin'],
  ])('reads the credential named by mfa_serial (issuer form), %s', async (_, why, profile) => {
    const key = VirtualYubiKey.create({ credentials: [{ issuer: 'AWS', name: MFA, secret: SECRET, touch: true }], touch: { kind: 'auto', delayMs: 10 } });
    const recorder = recordingPrompter();
    const profilesTold: (string | undefined)[] = [];
    const prompter = { ...recorder, waiting: (info: TouchInfo) => (profilesTold.push(info.profile), recorder.waiting(info)) };
    const codes = yubikeyMfaCodes({
      profiles: profiles(`[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = dev\nmfa_serial = ${MFA}\n`),
      clock: new ManualClock(T),
      prompter,
      oath: async () => new OathClient({ readers: readersOf({ one: key }), keychain: new FakeKeychain() }),
      ...why,
    });
    expect(await codes(MFA, new AbortController().signal)).toBe('287082');
    expect(recorder.events).toEqual([`waiting ${MFA}`, 'done']);
    expect(profilesTold).toEqual([profile]);
  });

  it('uses touchrole_oath_credential, and picks the key holding it when several are plugged in', async () => {
    const other = VirtualYubiKey.create({ credentials: [{ name: 'unrelated', secret: Buffer.from('abcdefghijabcdefghij') }] });
    const holder = VirtualYubiKey.create({ credentials: [{ issuer: 'Work', name: 'aws-prod', secret: SECRET }] });
    const codes = yubikeyMfaCodes({
      profiles: profiles(
        `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = dev\nmfa_serial = ${MFA}\ntouchrole_oath_credential = Work:aws-prod\n`,
      ),
      clock: new ManualClock(T),
      prompter: recordingPrompter(),
      oath: async () => new OathClient({ readers: readersOf({ a: other, b: holder }), keychain: new FakeKeychain() }),
      purpose: 'elevate admin',
    });
    expect(await codes(MFA, new AbortController().signal)).toBe('287082');
  });

  it('rejects an invalid touchrole_otp_slot before touching any device', () => {
    expect(() =>
      yubikeyMfaCodes({
        profiles: profiles(`[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = dev\nmfa_serial = ${MFA}\ntouchrole_otp_slot = 3\n`),
        clock: new ManualClock(T),
        prompter: recordingPrompter(),
        oath: async () => {
          throw new Error('must not be called');
        },
        purpose: 'x',
      }),
    ).toThrow(/touchrole_otp_slot must be 1 or 2/);
  });

  describe('touchrole_otp_slot: the code comes from that OTP slot over the injected HID bus', () => {
    const SLOT_PROFILE = `[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = dev\nmfa_serial = ${MFA}\ntouchrole_otp_slot = 2\n`;
    const slotCodes = (key: VirtualOtpHid, prompter = recordingPrompter()) =>
      yubikeyMfaCodes({
        profiles: profiles(SLOT_PROFILE),
        clock: new ManualClock(T),
        prompter,
        oath: async () => {
          throw new Error('the OATH applet must not be asked');
        },
        hid: new FakeHidBus([hidInterface('otp')], { otp: key }),
        purpose: 'elevate admin',
      });

    it('slot 2 with a touch: the RFC 6238 code, one prompt, then done; the device is closed', async () => {
      const key = new VirtualOtpHid({ slot2: { key: SECRET, requireTouch: true }, touchAfterReads: 2 });
      const prompter = recordingPrompter();
      expect(await slotCodes(key, prompter)(MFA, new AbortController().signal)).toBe('287082');
      expect(prompter.events).toEqual([`waiting ${MFA}`, 'done']);
      expect(key.closed).toBe(true);
    });

    it('a touch that never comes: the prompt is told "timed out", and the error says so', async () => {
      const key = new VirtualOtpHid({ slot2: { key: SECRET, requireTouch: true }, touchTimeoutReads: 2 });
      const prompter = recordingPrompter();
      await expect(slotCodes(key, prompter)(MFA, new AbortController().signal)).rejects.toMatchObject({ code: 'touch-timeout' });
      expect(prompter.events).toEqual([`waiting ${MFA}`, 'timedOut']);
    });

    it('an empty slot: the core\'s "program it" error, and no prompt', async () => {
      const prompter = recordingPrompter();
      const e = await failure(slotCodes(new VirtualOtpHid({ slot1: { key: SECRET } }), prompter)(MFA, new AbortController().signal));
      expect(e).toMatchObject({ code: 'otp-slot-not-programmed', message: 'YubiKey OTP slot 2 is empty' });
      expect(prompter.events).toEqual([]);
    });
  });

  describe('no YubiKey over PC/SC', () => {
    // The injected HID bus: a key whose FIDO interface shows (CCID off), nothing, or a bus that cannot be listed.
    const codesWith = (onHid: boolean | Error) =>
      yubikeyMfaCodes({
        profiles: profiles(`[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = dev\nmfa_serial = ${MFA}\n`),
        clock: new ManualClock(T),
        prompter: recordingPrompter(),
        oath: async () => new OathClient({ readers: readersOf({}), keychain: new FakeKeychain() }),
        purpose: 'elevate admin',
        hid:
          onHid instanceof Error
            ? { list: () => Promise.reject(onHid), open: () => Promise.reject(onHid) }
            : new FakeHidBus(onHid ? [hidInterface('fido', { usagePage: 0xf1d0, usage: 1 })] : [hidInterface('mouse', { vendorId: 0x046d })]),
      });

    it('but one on USB HID: says its CCID interface is off, how to enable it, and the OTP slot alternative', async () => {
      const e = await failure(codesWith(true)(MFA, new AbortController().signal));
      expect(e).toMatchObject({ code: 'yubikey-not-found' });
      expect(e?.message).toContain('not over its smart-card (CCID) interface');
      expect(e?.hint).toContain('ykman config usb --enable OATH');
      expect(e?.hint).toContain('touchrole_otp_slot = 1 or 2');
    });

    it('and none on USB HID: the plain "insert it" error', async () => {
      const e = await failure(codesWith(false)(MFA, new AbortController().signal));
      expect(e).toMatchObject({ code: 'yubikey-not-found' });
      expect(e?.message).toMatch(/YubiKey not found: insert it/);
    });

    it('and USB HID cannot be listed: not found, saying the HID check failed and why (not hidden)', async () => {
      const e = await failure(codesWith(new Error('hidapi missing'))(MFA, new AbortController().signal));
      expect(e).toMatchObject({ code: 'yubikey-not-found' });
      expect(e?.message).toMatch(/YubiKey not found: insert it.*USB HID could not be checked either: Could not list USB HID devices \(hidapi missing\)/);
      expect(e?.hint).toContain('touchrole yubikey list');
    });
  });
});
