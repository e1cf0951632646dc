// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { configFileEditor, oathMfaKey, registerMfaDevice, unregisterMfaDevice, type RegisterResult, type UnregisterResult } from '../mfa-device';
import type { KeySelector } from '../oath';
import { iamCallContext } from '../rotation';
import { profileWhere } from '../sessions';
import type { CorePorts } from './core-ports';
import type { ProfilesService } from './profiles-service';
import { iamMfaFor, profileKeys } from './source-keys';
import { onTouchTelling } from './touch-reports';

export interface RegisterOptions {
  /** The OATH credential asks for a touch per code (default in the CLI). */
  touch: boolean;
  /** The IAM device name (default: the IAM user name). */
  deviceName?: string;
  /** Which YubiKey gets the seed when several are plugged in. */
  device?: KeySelector;
  /** Told once the profile qualifies and its keys are read, before the touches (the CLI says "touch twice"). */
  beforeTouches?: () => void;
}

/** The YubiKey as the IAM user's virtual MFA device: register and unregister, touch prompts through the core's prompter. */
export class MfaDeviceService {
  constructor(
    private readonly ports: CorePorts,
    private readonly profiles: ProfilesService,
  ) {}

  /**
   * CreateVirtualMFADevice, the seed into the YubiKey (never shown or saved), two codes,
   * EnableMFADevice, then mfa_serial in the profile.
   */
  async register(name: string, options: RegisterOptions): Promise<RegisterResult> {
    const { ports } = this;
    const profile = await this.profiles.sourceProfile(name);
    if (profile.mfaSerial !== undefined) {
      throw new TouchroleError('profile-invalid', `Profile "${name}" already has mfa_serial ${profile.mfaSerial}`, {
        hint: `Run \`touchrole mfa unregister ${name}\` first to replace it.`,
      });
    }
    const credentials = await profileKeys(ports, profile);
    options.beforeTouches?.();
    return registerMfaDevice(
      name,
      {
        iam: ports.iam,
        clock: ports.clock,
        key: oathMfaKey(await ports.oath(), {
          device: options.device ?? {},
          clock: ports.clock,
          onTouch: onTouchTelling(ports.prompter, `register ${name}`),
        }),
        config: configFileEditor(ports.awsFiles.configFile),
        markCodeUsed: (serial, step) => ports.ledger.markUsed(serial, step),
        credentials,
        ...profileWhere(profile),
      },
      { touch: options.touch, ...(options.deviceName === undefined ? {} : { deviceName: options.deviceName }) },
    );
  }

  /** Deactivate and delete the device in IAM (an MFA session: one touch), its OATH credential, and mfa_serial. */
  async unregister(name: string, options: { device?: KeySelector } = {}): Promise<UnregisterResult> {
    const { ports } = this;
    const profile = await this.profiles.sourceProfile(name);
    const serial = profile.mfaSerial;
    if (serial === undefined) throw new TouchroleError('profile-invalid', `Profile "${name}" has no mfa_serial`, { hint: 'Nothing to unregister.' });
    const where = profileWhere(profile);
    const profiles = (await this.profiles.all()).profiles;
    const session = await iamCallContext(await profileKeys(ports, profile), {
      sts: ports.sts,
      clock: ports.clock,
      ...where,
      ...iamMfaFor(ports, profiles, profile, `unregister ${name}`),
    });
    return unregisterMfaDevice(name, serial, {
      iam: ports.iam,
      clock: ports.clock,
      key: oathMfaKey(await ports.oath(), { device: options.device ?? {}, clock: ports.clock }),
      config: configFileEditor(ports.awsFiles.configFile),
      credentials: session.credentials,
      ...where,
    });
  }
}
