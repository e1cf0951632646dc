// SPDX-License-Identifier: MIT
import { finishedMessage, registeredMessage, rotatedMessage, unregisteredMessage } from '../../src-shared/key-action-messages';
import type { KeyAgeView } from '../../src-shared/models';
import type { AppBackend } from '../core/agent';
import type { CoreServices } from '../core/service';

export type KeyActions = Pick<AppBackend, 'keyAges' | 'rotateKey' | 'finishRotation' | 'registerMfaDevice' | 'unregisterMfaDevice'>;

/**
 * The CLI's `keys age`, `keys rotate [--finish]` and `mfa register|unregister` for the window,
 * through the same services and with the same defaults (the old key stays inactive for the grace
 * period; the seed asks for a touch per code). Touches reach the window as `touchPrompt` events
 * through the services' prompter. `mfaChanged` runs after a device came or went (the YubiKey panel follows).
 */
export function keyActions(service: CoreServices, mfaChanged: () => Promise<unknown>): KeyActions {
  return {
    async keyAges() {
      const [ages, set] = await Promise.all([service.rotation.keyAges(), service.profiles.all()]);
      return ages.map((e): KeyAgeView => ({
        profile: e.profile,
        accessKeyId: e.accessKeyId,
        ageDays: e.ageDays,
        maxAgeDays: e.maxAgeDays,
        due: e.due,
        source: e.source,
        pendingDeletion: e.pendingDeletion,
        note: e.note,
        mfaSerial: set.profiles.get(e.profile)?.mfaSerial ?? null,
      }));
    },
    rotateKey: async (profile) => ({ message: rotatedMessage(profile, await service.rotation.rotate(profile, { deleteOld: false })) }),
    finishRotation: async (profile) => ({ message: finishedMessage(profile, await service.rotation.finish(profile, { now: false })) }),
    async registerMfaDevice(profile) {
      const r = await service.mfaDevice.register(profile, { touch: true });
      await mfaChanged();
      return { message: registeredMessage(profile, r) };
    },
    async unregisterMfaDevice(profile) {
      const r = await service.mfaDevice.unregister(profile);
      await mfaChanged();
      return { message: unregisteredMessage(profile, r) };
    },
  };
}
