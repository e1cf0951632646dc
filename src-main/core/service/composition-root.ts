// SPDX-License-Identifier: MIT
import type { TouchrolePaths } from '../paths';
import { saveSettings, type Settings } from '../settings';
import { buildPorts, type CoreOptions } from './core-ports';
import { DeliveryService } from './delivery-service';
import { KeysService } from './keys-service';
import { MfaDeviceService } from './mfa-device-service';
import { ProfilesService } from './profiles-service';
import { RotationService } from './rotation-service';
import { SessionRecordsService } from './session-records';
import { SessionsService } from './sessions-service';
import { YubikeyService } from './yubikey-service';

/** Every front end (CLI, agent, tray app) reaches the core through these, and nothing below them. */
export interface CoreServices {
  paths: TouchrolePaths;
  /** Read at every call: the tray saves settings while it runs. */
  settings(): Promise<Settings>;
  /** Saves the settings the tray edits; the others keep their values. */
  saveSettings(next: Partial<Settings>): Promise<Settings>;
  profiles: ProfilesService;
  sessions: SessionsService;
  records: SessionRecordsService;
  rotation: RotationService;
  mfaDevice: MfaDeviceService;
  keys: KeysService;
  yubikey: YubikeyService;
  delivery: DeliveryService;
}

/** The composition root: each port (keychain, STS, IAM, YubiKey, MFA ledger, cache, paths) built once for the process. */
export function composeCore(o: CoreOptions): CoreServices {
  const ports = buildPorts(o);
  const profiles = new ProfilesService(ports);
  return {
    paths: ports.paths,
    settings: () => ports.settings(),
    async saveSettings(next) {
      const merged = { ...(await ports.settings()), ...next };
      await saveSettings(ports.paths.config, merged);
      return merged;
    },
    profiles,
    sessions: new SessionsService(ports, profiles),
    records: new SessionRecordsService(ports),
    rotation: new RotationService(ports, profiles),
    mfaDevice: new MfaDeviceService(ports, profiles),
    keys: new KeysService(ports),
    yubikey: new YubikeyService(ports),
    delivery: new DeliveryService(ports),
  };
}
