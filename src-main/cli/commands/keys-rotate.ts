// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';
import { awsFilePaths, type AwsProfile } from '../../core/aws-config';
import { createTouchPrompter } from '../../core/prompt';
import {
  credentialsFileKeyHome,
  finishRotation,
  keychainKeyHome,
  rotateAccessKey,
  RotationStateFile,
  unsupportedKeyHome,
  type IamMfa,
  type KeyHome,
} from '../../core/rotation';
import { yubikeyMfaCodes, type TouchroleService } from '../../core/service';
import { dropMfaSessionsOf, MfaStepLedger } from '../../core/sessions';
import { createIamApi, createStsApi, type AwsCredentials } from '../../core/sts';
import { flag, type CliContext, type CommandDef } from '../command';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['keys', 'rotate'],
  args: '<profile>',
  summary: "Replace a profile's access key with a new one, safely",
  help: [
    'CreateAccessKey -> store the new key where the old one was (keychain or credentials file) -> check it',
    'with GetCallerIdentity (retrying while IAM catches up) -> make the old key Inactive. The old key is',
    'deleted after a grace period (settings: rotation grace_days, default 7) by `--finish`, or at once with',
    '--delete-old. With mfa_serial in the profile, IAM calls use an MFA session (one touch).',
    'If any step fails, the stored key still works and the message says what IAM holds and what to run.',
    '--finish: delete the old key of a rotation whose grace period is over (--now: before that).',
  ],
  examples: [
    'touchrole keys rotate work',
    'touchrole keys rotate work --delete-old',
    'touchrole keys rotate work --finish',
    'touchrole keys rotate work --finish --now --json',
  ],
  options: { 'delete-old': { type: 'boolean' }, finish: { type: 'boolean' }, now: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ positionals, values }, ctx) {
    const name = positionals[0] ?? '';
    const service = serviceFor(ctx);
    const profile = await sourceProfile(service, name);
    const deps = {
      iam: createIamApi({ env: ctx.env, clock: ctx.clock }),
      sts: createStsApi({ env: ctx.env, clock: ctx.clock }),
      clock: ctx.clock,
      keys: keyHomeFor(service, ctx, profile),
      state: new RotationStateFile(service.paths.state),
      ...(profile.region === undefined ? {} : { region: profile.region }),
      ...(await iamMfaFor(service, ctx, profile, `rotate the key of ${name}`)),
    };
    if (flag(values, 'finish')) {
      const r = await finishRotation(name, deps, { now: flag(values, 'now') });
      return { text: `Deleted old key ${r.deletedAccessKeyId} of "${name}"${r.alreadyGone ? ' (it was already gone from IAM)' : ''}`, json: r };
    }
    const settings = await service.settings();
    const r = await rotateAccessKey(name, deps, { deleteOld: flag(values, 'delete-old'), graceDays: settings.rotationGraceDays });
    // The MFA session made with the rotated-away key must not outlive it.
    await dropMfaSessionsOf(service.paths.cache, name);
    const tail =
      r.oldKey === 'deleted'
        ? `old key ${r.oldAccessKeyId} deleted`
        : `old key ${r.oldAccessKeyId} is inactive; run \`touchrole keys rotate ${name} --finish\` after ${r.deleteAfter ?? ''} to delete it`;
    return { text: `Rotated "${name}": new key ${r.newAccessKeyId} stored in ${r.storedIn} and working; ${tail}`, json: r };
  },
};

export async function sourceProfile(service: TouchroleService, name: string): Promise<AwsProfile> {
  const profile = (await service.profiles()).profiles.get(name);
  if (profile === undefined) throw new TouchroleError('profile-not-found', `There is no profile "${name}"`, { hint: 'See `touchrole profiles`.' });
  if (profile.kind !== 'source') {
    throw new TouchroleError('profile-invalid', `Profile "${name}" has no long-term access key of its own`, {
      hint: 'Name the source profile (the one with the access key).',
    });
  }
  return profile;
}

function keyHomeFor(service: TouchroleService, ctx: CliContext, profile: AwsProfile): KeyHome {
  if (profile.keys === 'keychain') return keychainKeyHome(service.sourceKeyStore(), profile.name);
  if (profile.keys === 'credentials-file') return credentialsFileKeyHome(awsFilePaths(ctx.env).credentialsFile, profile.name, ctx.clock);
  throw unsupportedKeyHome(profile.name);
}

/** The profile's long-term key, wherever it is stored. */
export async function profileKeys(service: TouchroleService, ctx: CliContext, profile: AwsProfile): Promise<AwsCredentials> {
  const id = profile.settings.get('aws_access_key_id');
  const secret = profile.settings.get('aws_secret_access_key');
  const keys =
    profile.keys === 'config-file'
      ? typeof id === 'string' && typeof secret === 'string'
        ? { accessKeyId: id, secretAccessKey: secret }
        : undefined
      : await keyHomeFor(service, ctx, profile).read();
  if (keys === undefined)
    throw new TouchroleError('keys-not-found', `No access key is stored for profile "${profile.name}"`, {
      hint: `Store it with \`touchrole keys add ${profile.name}\`.`,
    });
  return keys;
}

/** With mfa_serial, IAM calls go through an MFA session: one YubiKey code, spent once (the ledger). */
export async function iamMfaFor(service: TouchroleService, ctx: CliContext, profile: AwsProfile, purpose: string): Promise<{ mfa?: IamMfa }> {
  if (profile.mfaSerial === undefined) return {};
  const profiles = (await service.profiles()).profiles;
  const code = yubikeyMfaCodes({
    profiles,
    clock: ctx.clock,
    prompter: createTouchPrompter({ env: ctx.env, platform: process.platform }),
    oath: () => service.oath(),
    purpose,
  });
  return { mfa: { serial: profile.mfaSerial, code, ledger: new MfaStepLedger({ stateDir: service.paths.state, clock: ctx.clock }) } };
}
