// SPDX-License-Identifier: MIT
// The IAM actions behind key rotation and MFA-device set-up, on the emulator's directory.
import {
  constraintViolation,
  deleteConflict,
  entityAlreadyExists,
  invalidAuthenticationCode,
  limitExceeded,
  noSuchEntity,
  validationError,
} from './aws-errors';
import { optionalParam, patternParam, requiredParam, type ActionContext, type ActionHandler } from './action-context';
import { base32Encode } from './base32';
import { principalAccount, type AccessKeyRecord, type MfaDeviceRecord, type UserRecord } from './directory';
import { isoSeconds, newAccessKeyId, newMfaSeed, newSecretAccessKey } from './identifiers';
import { members, tag, text } from './query-xml';
import { verifyConsecutiveCodes } from './totp-verifier';

const MAX_ACCESS_KEYS_PER_USER = 2;

/** The user named by UserName, or the calling user when it is omitted (IAM's rule). */
function targetUser(ctx: ActionContext): UserRecord {
  const name = optionalParam(ctx, 'UserName');
  if (name === undefined) {
    if (ctx.principal.kind === 'user') return ctx.principal.user;
    throw validationError('Must specify userName when calling with non-User credentials');
  }
  const user = ctx.directory.users.get(name);
  if (user === undefined || user.accountId !== principalAccount(ctx.principal)) {
    throw noSuchEntity(`The user with name ${name} cannot be found.`);
  }
  return user;
}

function keyOf(ctx: ActionContext, user: UserRecord): AccessKeyRecord {
  const id = requiredParam(ctx, 'AccessKeyId');
  const key = ctx.directory.accessKeys.get(id);
  if (key === undefined || key.userName !== user.userName) throw noSuchEntity(`The Access Key with id ${id} cannot be found`);
  return key;
}

function deviceOf(ctx: ActionContext): MfaDeviceRecord {
  const serial = requiredParam(ctx, 'SerialNumber');
  const device = ctx.directory.mfaDevices.get(serial);
  if (device === undefined) throw noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
  return device;
}

const userXml = (u: UserRecord): string =>
  text('Path', '/') + text('UserName', u.userName) + text('UserId', u.userId) + text('Arn', u.arn) + text('CreateDate', isoSeconds(u.createDate));

const keyMetadataXml = (k: AccessKeyRecord): string =>
  text('UserName', k.userName) + text('AccessKeyId', k.accessKeyId) + text('Status', k.status) + text('CreateDate', isoSeconds(k.createDate));

const getUser: ActionHandler = (ctx) => tag('User', userXml(targetUser(ctx)));

const listAccessKeys: ActionHandler = (ctx) =>
  members('AccessKeyMetadata', ctx.directory.keysOf(targetUser(ctx).userName).map(keyMetadataXml)) + text('IsTruncated', false);

const createAccessKey: ActionHandler = (ctx) => {
  const user = targetUser(ctx);
  if (ctx.directory.keysOf(user.userName).length >= MAX_ACCESS_KEYS_PER_USER) {
    throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}`);
  }
  const key: AccessKeyRecord = {
    accessKeyId: newAccessKeyId('AKIA'),
    secretAccessKey: newSecretAccessKey(),
    userName: user.userName,
    status: 'Active',
    createDate: ctx.clock.now(),
  };
  ctx.directory.accessKeys.set(key.accessKeyId, key);
  return tag('AccessKey', keyMetadataXml(key), text('SecretAccessKey', key.secretAccessKey));
};

const updateAccessKey: ActionHandler = (ctx) => {
  const key = keyOf(ctx, targetUser(ctx));
  const status = requiredParam(ctx, 'Status');
  if (status !== 'Active' && status !== 'Inactive') {
    throw constraintViolation(status, 'status', 'Member must satisfy enum value set: [Active, Inactive]');
  }
  key.status = status;
  return null;
};

const deleteAccessKey: ActionHandler = (ctx) => {
  ctx.directory.accessKeys.delete(keyOf(ctx, targetUser(ctx)).accessKeyId);
  return null;
};

const createVirtualMfaDevice: ActionHandler = (ctx) => {
  const name = patternParam(ctx, 'VirtualMFADeviceName', requiredParam(ctx, 'VirtualMFADeviceName'), {
    min: 1,
    max: 226,
    pattern: /^[\w+=,.@-]+$/,
    patternText: '[\\w+=,.@-]+',
  });
  const path = optionalParam(ctx, 'Path') ?? '/';
  const serial = `arn:aws:iam::${principalAccount(ctx.principal)}:mfa${path}${name}`;
  if (ctx.directory.mfaDevices.has(serial)) throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');
  const seed = newMfaSeed();
  ctx.directory.mfaDevices.set(serial, { serial, seed, lastUsedStep: -1, userName: undefined, enableDate: undefined });
  // Base32StringSeed is a blob: the base32 text's bytes, base64-encoded on the wire.
  const seedBlob = Buffer.from(base32Encode(seed), 'ascii').toString('base64');
  return tag('VirtualMFADevice', text('SerialNumber', serial), text('Base32StringSeed', seedBlob));
};

const enableMfaDevice: ActionHandler = (ctx) => {
  const user = targetUser(ctx);
  const device = deviceOf(ctx);
  if (device.userName !== undefined) throw entityAlreadyExists('MFA Device is already in use.');
  const code1 = requiredParam(ctx, 'AuthenticationCode1');
  const code2 = requiredParam(ctx, 'AuthenticationCode2');
  if (!verifyConsecutiveCodes(device, code1, code2, ctx.clock.now())) throw invalidAuthenticationCode();
  device.userName = user.userName;
  device.enableDate = ctx.clock.now();
  return null;
};

const deactivateMfaDevice: ActionHandler = (ctx) => {
  const user = targetUser(ctx);
  const serial = requiredParam(ctx, 'SerialNumber');
  const device = ctx.directory.mfaDevices.get(serial);
  if (device === undefined || device.userName !== user.userName) {
    throw noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);
  }
  device.userName = undefined;
  device.enableDate = undefined;
  return null;
};

const deleteVirtualMfaDevice: ActionHandler = (ctx) => {
  const device = deviceOf(ctx);
  if (device.userName !== undefined) throw deleteConflict('MFA Device is still in use.');
  ctx.directory.mfaDevices.delete(device.serial);
  return null;
};

const listMfaDevices: ActionHandler = (ctx) => {
  const devices = ctx.directory
    .devicesOf(targetUser(ctx).userName)
    .map(
      (d) =>
        text('UserName', d.userName) + text('SerialNumber', d.serial) + text('EnableDate', d.enableDate === undefined ? undefined : isoSeconds(d.enableDate)),
    );
  return members('MFADevices', devices) + text('IsTruncated', false);
};

export const IAM_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map([
  ['GetUser', getUser],
  ['ListAccessKeys', listAccessKeys],
  ['CreateAccessKey', createAccessKey],
  ['UpdateAccessKey', updateAccessKey],
  ['DeleteAccessKey', deleteAccessKey],
  ['CreateVirtualMFADevice', createVirtualMfaDevice],
  ['EnableMFADevice', enableMfaDevice],
  ['DeactivateMFADevice', deactivateMfaDevice],
  ['DeleteVirtualMFADevice', deleteVirtualMfaDevice],
  ['ListMFADevices', listMfaDevices],
]);
