// SPDX-License-Identifier: MIT
// Everything the emulator knows: users and their access keys, roles, MFA devices and the
// temporary sessions it has issued. Plain in-memory records; the actions enforce the rules.
import type { TotpState } from './totp-verifier';

export const DEFAULT_ACCOUNT_ID = '123456789012';

export interface UserRecord {
  userName: string;
  userId: string;
  accountId: string;
  arn: string;
  createDate: number;
}

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  status: 'Active' | 'Inactive';
  createDate: number;
}

export interface RoleRecord {
  roleArn: string;
  roleName: string;
  roleId: string;
  accountId: string;
  /** The trust policy's aws:MultiFactorAuthPresent condition. */
  requireMfa: boolean;
  maxSessionSeconds: number;
  externalId: string | undefined;
}

export interface MfaDeviceRecord extends TotpState {
  serial: string;
  /** The user the device is enabled for; undefined while it is not assigned. */
  userName: string | undefined;
  enableDate: number | undefined;
}

/** Who signed a request: a user (with long-term keys or a session token) or an assumed role. */
export type Principal =
  { kind: 'user'; user: UserRecord; session: SessionRecord | undefined } | { kind: 'role'; role: RoleRecord; sessionName: string; session: SessionRecord };

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
  /** True when MFA was presented to obtain this session (it satisfies MFA conditions later). */
  mfaAuthenticated: boolean;
  /** What the session acts as. */
  subject: { kind: 'user'; userName: string } | { kind: 'role'; roleArn: string; sessionName: string };
}

export class Directory {
  readonly users = new Map<string, UserRecord>();
  readonly accessKeys = new Map<string, AccessKeyRecord>();
  readonly roles = new Map<string, RoleRecord>();
  readonly mfaDevices = new Map<string, MfaDeviceRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  /** Encoded authorization messages handed out by the emulator, by their encoded text. */
  readonly authorizationMessages = new Map<string, string>();

  keysOf(userName: string): AccessKeyRecord[] {
    return [...this.accessKeys.values()].filter((k) => k.userName === userName);
  }

  devicesOf(userName: string): MfaDeviceRecord[] {
    return [...this.mfaDevices.values()].filter((d) => d.userName === userName);
  }
}

export function principalArn(p: Principal): string {
  return p.kind === 'user' ? p.user.arn : assumedRoleArn(p.role, p.sessionName);
}

export function principalAccount(p: Principal): string {
  return p.kind === 'user' ? p.user.accountId : p.role.accountId;
}

export function assumedRoleArn(role: RoleRecord, sessionName: string): string {
  return `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`;
}
