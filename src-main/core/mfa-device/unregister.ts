// SPDX-License-Identifier: MIT
// `mfa unregister`: the reverse of register, in the order that keeps a half-done state visible.
import { whereOf, type CallContext } from '../sts';
import type { MfaDeviceDeps } from './register';

export interface UnregisterResult {
  profile: string;
  serialNumber: string;
  /** False when the YubiKey held no credential for the device. */
  removedFromKey: boolean;
}

/**
 * DeactivateMFADevice -> DeleteVirtualMFADevice -> delete the OATH credential -> remove
 * mfa_serial. `deps.credentials` is best an MFA session (policies often demand MFA for this).
 */
export async function unregisterMfaDevice(profile: string, serial: string, deps: MfaDeviceDeps): Promise<UnregisterResult> {
  const ctx: CallContext = { credentials: deps.credentials, ...whereOf(deps) };
  const user = await deps.iam.getUser(ctx);
  await deps.iam.deactivateMFADevice(ctx, { userName: user.userName, serialNumber: serial });
  await deps.iam.deleteVirtualMFADevice(ctx, { serialNumber: serial });
  const removedFromKey = await deps.key.remove(serial);
  await deps.config.remove(profile, 'mfa_serial');
  return { profile, serialNumber: serial, removedFromKey };
}
