// SPDX-License-Identifier: MIT
// The IAM calls key rotation and MFA-device setup make, as plain data.
import type { CallContext } from './sts-port';

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyInfo {
  userName: string;
  accessKeyId: string;
  status: AccessKeyStatus;
  /** Milliseconds since the Unix epoch, when IAM says. */
  createDate?: number;
}

export interface NewAccessKey extends AccessKeyInfo {
  secretAccessKey: string;
}

export interface MfaDeviceInfo {
  userName: string;
  serialNumber: string;
  enableDate?: number;
}

export interface NewVirtualMfaDevice {
  serialNumber: string;
  /** The base32 TOTP seed: a secret, to go straight into the YubiKey and nowhere else. */
  base32Seed: string;
}

export interface IamUser {
  userName: string;
  userId: string;
  arn: string;
  createDate?: number;
}

/** `userName` omitted = the user whose credentials sign the call, as IAM defines it. */
export interface UserScoped {
  userName?: string;
}

/** The IAM port. Implementations throw TouchroleError and page through truncated lists. */
export interface IamApi {
  getUser(ctx: CallContext, input?: UserScoped): Promise<IamUser>;
  listAccessKeys(ctx: CallContext, input?: UserScoped): Promise<AccessKeyInfo[]>;
  createAccessKey(ctx: CallContext, input?: UserScoped): Promise<NewAccessKey>;
  updateAccessKey(ctx: CallContext, input: UserScoped & { accessKeyId: string; status: AccessKeyStatus }): Promise<void>;
  deleteAccessKey(ctx: CallContext, input: UserScoped & { accessKeyId: string }): Promise<void>;
  listMFADevices(ctx: CallContext, input?: UserScoped): Promise<MfaDeviceInfo[]>;
  createVirtualMFADevice(ctx: CallContext, input: { name: string; path?: string }): Promise<NewVirtualMfaDevice>;
  enableMFADevice(ctx: CallContext, input: { userName: string; serialNumber: string; authenticationCode1: string; authenticationCode2: string }): Promise<void>;
  deactivateMFADevice(ctx: CallContext, input: UserScoped & { serialNumber: string }): Promise<void>;
  deleteVirtualMFADevice(ctx: CallContext, input: { serialNumber: string }): Promise<void>;
}
