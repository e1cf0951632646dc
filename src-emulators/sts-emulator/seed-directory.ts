// SPDX-License-Identifier: MIT
// The set-up API: put users (with keys), roles and MFA devices into the emulator before a demo
// or test runs, without going through signed IAM calls.
import { BugError } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/time/clock';
import { base32Decode } from './base32';
import { DEFAULT_ACCOUNT_ID, type Directory, type RoleRecord } from './directory';
import { newAccessKeyId, newSecretAccessKey, newUniqueId } from './identifiers';

export interface AddUserOptions {
  userName: string;
  /** Twelve digits; defaults to 123456789012. */
  accountId?: string;
  /** Fixed long-term keys; random AKIA keys when omitted. */
  accessKey?: { accessKeyId: string; secretAccessKey: string };
}

export interface AddedUser {
  userName: string;
  userId: string;
  accountId: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface AddRoleOptions {
  /** arn:aws:iam::<account>:role/[path/]<name> */
  roleArn: string;
  /** The trust policy demands MFA (aws:MultiFactorAuthPresent). Default false. */
  requireMfa?: boolean;
  /** The role's MaxSessionDuration, 3600..43200. Default 3600, as IAM's. */
  maxSessionSeconds?: number;
  /** The trust policy demands this sts:ExternalId. */
  externalId?: string;
}

export interface AddMfaDeviceOptions {
  /** arn:aws:iam::<account>:mfa/<name> */
  serial: string;
  seedBase32: string;
  /** The user the device is enabled for; when omitted any caller may present it. */
  userName?: string;
}

export function addUser(directory: Directory, clock: Clock, options: AddUserOptions): AddedUser {
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new BugError(`account id must be 12 digits, got ${accountId}`);
  if (directory.users.has(options.userName)) throw new BugError(`emulator user ${options.userName} exists already`);
  const user = {
    userName: options.userName,
    userId: newUniqueId('AIDA'),
    accountId,
    arn: `arn:aws:iam::${accountId}:user/${options.userName}`,
    createDate: clock.now(),
  };
  const accessKeyId = options.accessKey?.accessKeyId ?? newAccessKeyId('AKIA');
  const secretAccessKey = options.accessKey?.secretAccessKey ?? newSecretAccessKey();
  directory.users.set(user.userName, user);
  directory.accessKeys.set(accessKeyId, {
    accessKeyId,
    secretAccessKey,
    userName: user.userName,
    status: 'Active',
    createDate: clock.now(),
  });
  return { userName: user.userName, userId: user.userId, accountId, arn: user.arn, accessKeyId, secretAccessKey };
}

export function addRole(directory: Directory, options: AddRoleOptions): void {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(options.roleArn);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new BugError(`not a role ARN: ${options.roleArn}`);
  }
  const maxSessionSeconds = options.maxSessionSeconds ?? 3600;
  if (maxSessionSeconds < 3600 || maxSessionSeconds > 43200) throw new BugError('maxSessionSeconds must be 3600..43200');
  const role: RoleRecord = {
    roleArn: options.roleArn,
    roleName: match[2],
    roleId: newUniqueId('AROA'),
    accountId: match[1],
    requireMfa: options.requireMfa ?? false,
    maxSessionSeconds,
    externalId: options.externalId,
  };
  directory.roles.set(role.roleArn, role);
}

export function addMfaDevice(directory: Directory, clock: Clock, options: AddMfaDeviceOptions): void {
  if (options.userName !== undefined && !directory.users.has(options.userName)) {
    throw new BugError(`no emulator user ${options.userName} for MFA device ${options.serial}`);
  }
  directory.mfaDevices.set(options.serial, {
    serial: options.serial,
    seed: base32Decode(options.seedBase32),
    lastUsedStep: -1,
    userName: options.userName,
    enableDate: options.userName === undefined ? undefined : clock.now(),
  });
}
