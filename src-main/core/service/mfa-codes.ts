// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import type { Clock } from '../../../src-shared/time/clock';
import { OATH_OVERRIDE_KEY, type AwsProfile } from '../aws-config';
import type { KeySelector, OathClient } from '../oath';
import type { ChallengeResponseTotp, HidBus } from '../otp';
import type { TouchPrompter } from '../prompt';
import type { MfaCodeSource } from '../sessions';
import { touchReports, type TouchReports } from './touch-reports';

/** Profile key choosing a YubiKey OTP slot (HMAC-SHA1 challenge-response, over HID) for the code. */
export const OTP_SLOT_KEY = 'touchrole_otp_slot';

interface CodeRoute {
  oathCredential?: string;
  otpSlot?: 1 | 2;
}

export interface MfaCodesOptions {
  profiles: ReadonlyMap<string, AwsProfile>;
  clock: Clock;
  prompter: TouchPrompter;
  oath: () => Promise<OathClient>;
  /** Shown with the touch prompt, e.g. "elevate to admin". */
  purpose: string;
  /** The profile being elevated: the touch prompt carries it to the tray. */
  profile?: string;
  /** The USB HID bus, for an OTP slot and for a key whose CCID is off (default: node-hid, loaded only when needed). */
  hid?: HidBus | undefined;
}

/**
 * The YubiKey as an MFA code source: the OATH credential named by the mfa_serial ARN (or the
 * profile's touchrole_oath_credential), or an OTP slot over HID when the profile says so. The
 * touch prompt goes through the prompter, which reaches the user even when stderr is captured.
 */
export function yubikeyMfaCodes(o: MfaCodesOptions): MfaCodeSource {
  const routes = routesBySerial(o.profiles);
  return async (serial, signal) => {
    const route = routes.get(serial) ?? {};
    const touch = touchReports(o.prompter, route.oathCredential ?? serial, o.purpose, o.profile);
    if (route.otpSlot !== undefined) return (await otpSlotCode(route.otpSlot, o.clock, touch, signal, o.hid)).code;
    const client = await o.oath();
    const name = route.oathCredential ?? serial;
    const read = async (device: KeySelector): Promise<string> =>
      (
        await client.readCode(name, {
          nowMs: o.clock.now(),
          device,
          identify: false, // the serial is not needed for a code: 2 fewer APDUs
          onTouch: (e) => (e.phase === 'waiting' ? touch.waiting() : e.phase === 'done' ? touch.done() : touch.timedOut()),
        })
      ).code.value;
    try {
      return await read({});
    } catch (e) {
      if (e instanceof TouchroleError && e.code === 'yubikey-not-found') await explainNotFound(e, () => yubikeyOnHid(o.hid));
      // Several keys plugged in: the one holding this MFA device is the one to ask.
      if (!(e instanceof TouchroleError && e.code === 'yubikey-ambiguous')) throw e;
      const holders = (await client.listKeys({ nowMs: o.clock.now() })).filter((k) => k.credentials?.some((c) => c.awsMfaArn === serial || c.id === name));
      if (holders.length !== 1 || holders[0] === undefined) throw e;
      return read({ deviceId: holders[0].deviceId });
    }
  };
}

async function yubikeyOnHid(bus: HidBus | undefined): Promise<boolean> {
  const otp = await import('../otp');
  return otp.yubikeyOnHidBus(bus ?? otp.nodeHidBus);
}

/**
 * PC/SC found no key: look on USB HID for one whose CCID interface is off. A HID listing that
 * fails leaves it unknown, and the not-found error says so rather than hiding the HID failure.
 */
async function explainNotFound(notFound: TouchroleError, onHid: () => Promise<boolean>): Promise<void> {
  let found: boolean;
  try {
    found = await onHid();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new TouchroleError('yubikey-not-found', `${notFound.message} (USB HID could not be checked either: ${why})`, {
      ...(notFound.hint === undefined ? {} : { hint: notFound.hint }),
      cause: e,
    });
  }
  if (found) throw ccidOff(notFound);
}

/** PC/SC found no key, yet one is plugged in: its smart-card interface is off (or not readable). */
function ccidOff(cause: TouchroleError): TouchroleError {
  return new TouchroleError('yubikey-not-found', 'A YubiKey is plugged in, but not over its smart-card (CCID) interface, where the OATH applet is', {
    hint:
      'enable it with `ykman config usb --enable OATH`, and check that pcscd and its CCID driver (libccid) are installed; ' +
      `or, if this MFA device's secret is in an OTP slot (\`ykman otp chalresp --totp\`), set ${OTP_SLOT_KEY} = 1 or 2 in the profile`,
    cause,
  });
}

function routesBySerial(profiles: ReadonlyMap<string, AwsProfile>): Map<string, CodeRoute> {
  const routes = new Map<string, CodeRoute>();
  for (const p of profiles.values()) {
    if (p.mfaSerial === undefined) continue;
    const slot = p.settings.get(OTP_SLOT_KEY);
    const route: CodeRoute = { ...routes.get(p.mfaSerial) };
    if (p.oathCredential !== undefined) route.oathCredential = p.oathCredential;
    if (typeof slot === 'string') {
      if (slot !== '1' && slot !== '2') {
        throw new TouchroleError('profile-invalid', `Profile "${p.name}": ${OTP_SLOT_KEY} must be 1 or 2`, {
          hint: `or remove it to use the OATH applet (${OATH_OVERRIDE_KEY} names a credential there)`,
        });
      }
      route.otpSlot = slot === '1' ? 1 : 2;
    }
    routes.set(p.mfaSerial, route);
  }
  return routes;
}

/** A TOTP code from a YubiKey OTP slot programmed with `ykman otp chalresp --totp`, with the end of its step. */
export async function otpSlotCode(
  slot: 1 | 2,
  clock: Clock,
  touch: Pick<TouchReports, 'waiting' | 'done' | 'timedOut'>,
  signal: AbortSignal,
  bus?: HidBus,
): Promise<ChallengeResponseTotp> {
  // Loaded only for OTP slots: node-hid stays off every other path.
  const otp = await import('../otp');
  const device = await otp.openOtpHidDevice({ bus: bus ?? otp.nodeHidBus });
  let waiting = false;
  try {
    const r = await otp.readChallengeResponseTotp({
      device,
      slot,
      nowMs: clock.now(),
      clock,
      signal,
      onTouch: () => {
        waiting = true;
        touch.waiting();
      },
    });
    if (waiting) touch.done();
    return r;
  } catch (e) {
    // The prompt that went up comes down (the tray stops showing "touch"), saying "timed out" only when it did.
    if (waiting && e instanceof TouchroleError && e.code === 'touch-timeout') touch.timedOut();
    else if (waiting) touch.done();
    throw e;
  } finally {
    await device.close();
  }
}
