// SPDX-License-Identifier: MIT
// The YubiKey side of an AWS virtual MFA device: store the seed, compute two consecutive codes, remove it.
import { TouchroleError } from '../../../src-shared/errors';
import { systemClock, type Clock } from '../../../src-shared/time/clock';
import { awsMfaArnIn, type KeySelector, type OathClient, type OathSession, type OnTouch } from '../oath';

/** The OATH applet operations `mfa register`/`unregister` need (a fake in unit tests). */
export interface MfaKey {
  /** Stores a TOTP credential (SHA1, 6 digits, 30 s) named `name`; returns its id. */
  put(name: string, secret: Uint8Array, touch: boolean): Promise<string>;
  /** The key's codes for time steps T and T+1 at `nowMs`: AWS wants two consecutive codes. */
  consecutiveCodes(id: string, nowMs: number, touch: boolean): Promise<[string, string]>;
  /** Deletes the credential for the MFA device `serial`; false when there is none. */
  remove(serial: string): Promise<boolean>;
}

const PERIOD_MS = 30_000;

export function oathMfaKey(client: OathClient, options: { device?: KeySelector; onTouch?: OnTouch; clock?: Clock } = {}): MfaKey {
  const selector = options.device ?? {};
  const touchOption = options.onTouch === undefined ? {} : { onTouch: options.onTouch };
  const unlocked = <T>(fn: (session: OathSession) => Promise<T>, on: KeySelector = selector): Promise<T> =>
    client.withOathSession(on, async (session) => {
      if (session.locked) {
        throw new TouchroleError('oath-locked', 'The YubiKey OATH applet is password-protected', { hint: 'run `touchrole yubikey unlock` first' });
      }
      return fn(session);
    });
  return {
    put: (name, secret, touch) => unlocked((session) => session.put({ name, secret, touch, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 })),
    consecutiveCodes: (id, nowMs, touch) =>
      unlocked(async (session) => {
        const first = await session.calculate(id, nowMs, { type: 'totp', period: 30, touch, ...touchOption });
        const second = await session.calculate(id, nowMs + PERIOD_MS, { type: 'totp', period: 30, touch, ...touchOption });
        return [first.value, second.value];
      }),
    remove: async (serial) => {
      const removeFrom = (on: KeySelector): Promise<boolean> =>
        unlocked(async (session) => {
          const hit = (await session.list()).find((c) => holds(c.id, serial));
          if (hit === undefined) return false;
          await session.delete(hit.id);
          return true;
        }, on);
      try {
        return await removeFrom(selector);
      } catch (e) {
        // Several keys plugged in and none chosen: the one holding this MFA device is the one to edit.
        if (!(e instanceof TouchroleError && e.code === 'yubikey-ambiguous') || Object.keys(selector).length > 0) throw e;
        const holders = (await client.listKeys({ nowMs: (options.clock ?? systemClock).now() })).filter((k) => k.credentials?.some((c) => holds(c.id, serial)));
        if (holders.length !== 1 || holders[0] === undefined) throw e;
        return removeFrom({ deviceId: holders[0].deviceId });
      }
    },
  };
}

const holds = (id: string, serial: string): boolean => id === serial || awsMfaArnIn(id) === serial;
