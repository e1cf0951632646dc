// SPDX-License-Identifier: MIT
// Access-key rotation as AWS recommends it, ordered so that a failure at any step leaves a working key stored.
import { isTouchroleError, TouchroleError } from '../../../src-shared/errors';
import type { AwsCredentials, CallContext, IamApi, NewAccessKey } from '../sts';
import { iamCallContext, type IamSessionDeps } from './iam-session';
import type { KeyHome } from './key-home';
import type { RotationStateFile } from './rotation-state';
import { verifyNewKey, type VerifyOptions } from './verify-key';

export interface RotationDeps extends IamSessionDeps, VerifyOptions {
  iam: IamApi;
  keys: KeyHome;
  state: RotationStateFile;
}

export interface RotateOptions {
  /** Delete the old key at once instead of after the grace period. */
  deleteOld: boolean;
  graceDays: number;
}

export interface RotationResult {
  profile: string;
  userName: string;
  oldAccessKeyId: string;
  newAccessKeyId: string;
  /** Where the new key was stored. */
  storedIn: string;
  oldKey: 'deleted' | 'inactive';
  /** ISO 8601, when `keys rotate --finish` may delete the inactive old key. */
  deleteAfter?: string;
}

const DAY_MS = 86_400_000;

/**
 * CreateAccessKey -> store -> verify (GetCallerIdentity, with retries) -> old key Inactive ->
 * DeleteAccessKey now (deleteOld) or a pending deletion for `finishRotation`. Each failure
 * throws 'rotation-failed' saying what IAM holds, what is stored, and what to run next.
 */
export async function rotateAccessKey(profile: string, deps: RotationDeps, options: RotateOptions): Promise<RotationResult> {
  const pending = (await deps.state.read()).pending.get(profile);
  if (pending !== undefined) {
    throw new TouchroleError(
      'rotation-failed',
      `A rotation of "${profile}" is not finished: old key ${pending.oldAccessKeyId} is ${pending.oldDeactivated ? 'inactive' : 'still active'} in IAM`,
      {
        hint: `Finish it first with \`touchrole keys rotate ${profile} --finish\` (add --now before the grace period ends).`,
      },
    );
  }
  const old = await deps.keys.read();
  if (old === undefined) {
    throw new TouchroleError('keys-not-found', `No access key is stored for profile "${profile}"`, {
      hint: `Store it with \`touchrole keys add ${profile}\`.`,
    });
  }
  const unchanged = `nothing was changed and key ${old.accessKeyId} is still active and stored`;
  const again = `Fix the cause and run \`touchrole keys rotate ${profile}\` again.`;

  const ctx = await step(() => iamCallContext(old, deps), `Could not start an MFA session for IAM; ${unchanged}`, again);
  const listed = await step(() => deps.iam.listAccessKeys(ctx), `Could not list the IAM user's access keys; ${unchanged}`, again);
  const current = listed.find((k) => k.accessKeyId === old.accessKeyId);
  if (current === undefined) {
    throw new TouchroleError('rotation-failed', `The key stored for "${profile}" (${old.accessKeyId}) is not one of the IAM user's access keys; ${unchanged}`, {
      hint: 'Check that the profile holds the key of the IAM user it signs as (`touchrole whoami`).',
    });
  }
  const other = listed.find((k) => k.accessKeyId !== old.accessKeyId);
  if (other !== undefined) {
    throw new TouchroleError(
      'rotation-failed',
      `IAM user ${current.userName} already has two access keys: ${old.accessKeyId} (stored for "${profile}") ` +
        `and ${other.accessKeyId} (${other.status}); ${unchanged}`,
      {
        hint:
          `Delete the key touchrole does not use (aws iam delete-access-key --user-name ${current.userName} --access-key-id ${other.accessKeyId}), ` +
          `then run \`touchrole keys rotate ${profile}\` again.`,
      },
    );
  }
  const userName = current.userName;

  const created = await step(() => deps.iam.createAccessKey(ctx, { userName }), `IAM did not create a new key; ${unchanged}`, again);
  await storeNewKey(profile, deps, ctx, old, created);
  await verifyOrRollBack(profile, deps, ctx, old, created);

  // From here on the new key works and is stored: every later failure is finished by --finish.
  const deleteAfter = deps.clock.now() + Math.max(0, options.graceDays) * DAY_MS;
  const working = `new key ${created.accessKeyId} is stored in ${deps.keys.description} and works`;
  const finish = `Run \`touchrole keys rotate ${profile} --finish --now\` to deactivate and delete the old key.`;
  await step(
    () =>
      deps.state.update((s) => {
        s.pending.set(profile, { userName, oldAccessKeyId: old.accessKeyId, newAccessKeyId: created.accessKeyId, oldDeactivated: false, deleteAfter });
        s.keyDates.delete(profile);
      }),
    `Could not record the rotation in touchrole's state; ${working}, old key ${old.accessKeyId} is still active`,
    `Deactivate and delete ${old.accessKeyId} in the IAM console.`,
  );
  // Without MFA the IAM calls are signed by a key; the old one is about to stop working.
  const later: CallContext =
    deps.mfa === undefined ? { ...ctx, credentials: { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey } } : ctx;
  await step(
    () => deps.iam.updateAccessKey(later, { userName, accessKeyId: old.accessKeyId, status: 'Inactive' }),
    `Could not deactivate the old key; ${working}; old key ${old.accessKeyId} is still active`,
    finish,
  );
  await deps.state.update((s) => {
    const p = s.pending.get(profile);
    if (p !== undefined) p.oldDeactivated = true;
  });
  const base = { profile, userName, oldAccessKeyId: old.accessKeyId, newAccessKeyId: created.accessKeyId, storedIn: deps.keys.description };
  if (!options.deleteOld) return { ...base, oldKey: 'inactive', deleteAfter: new Date(deleteAfter).toISOString() };

  await step(
    () => deps.iam.deleteAccessKey(later, { userName, accessKeyId: old.accessKeyId }),
    `Could not delete the old key; ${working}; old key ${old.accessKeyId} is inactive`,
    finish,
  );
  await deps.state.update((s) => {
    s.pending.delete(profile);
  });
  return { ...base, oldKey: 'deleted' };
}

async function storeNewKey(profile: string, deps: RotationDeps, ctx: CallContext, old: AwsCredentials, created: NewAccessKey): Promise<void> {
  try {
    await deps.keys.write({ accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey });
  } catch (e) {
    const stillOld = await readsAs(deps.keys, old.accessKeyId);
    const cleanup = await deleteQuietly(deps.iam, ctx, created);
    throw wrap(
      e,
      `New key ${created.accessKeyId} could not be stored in ${deps.keys.description}; ${cleanup}; ` +
        `old key ${old.accessKeyId} is still active${stillOld ? ' and stored' : ''}`,
      stillOld
        ? `Fix the cause and run \`touchrole keys rotate ${profile}\` again.`
        : `Store the old key again with \`touchrole keys add ${profile} --replace\`.`,
    );
  }
}

async function verifyOrRollBack(profile: string, deps: RotationDeps, ctx: CallContext, old: AwsCredentials, created: NewAccessKey): Promise<void> {
  const stored = await deps.keys.read().catch(() => undefined);
  const candidate = stored?.accessKeyId === created.accessKeyId ? stored : { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
  const failure = await verifyNewKey(candidate, deps);
  if (failure === undefined) return;
  // Put the old (still active) key back, then remove the key that never worked.
  let restored = true;
  try {
    await deps.keys.write({ accessKeyId: old.accessKeyId, secretAccessKey: old.secretAccessKey });
  } catch {
    restored = false;
  }
  const cleanup = await deleteQuietly(deps.iam, ctx, created);
  const where = deps.keys.description;
  throw wrap(
    failure,
    restored
      ? `New key ${created.accessKeyId} was created but never became usable; ${cleanup}; old key ${old.accessKeyId} is still active and back in ${where}`
      : `New key ${created.accessKeyId} was created and stored in ${where} but is not yet usable, ` +
          `and the old key could not be put back; old key ${old.accessKeyId} is still active`,
    restored
      ? `Run \`touchrole keys rotate ${profile}\` again in a few minutes.`
      : `Wait a minute and check with \`touchrole whoami ${profile}\`; if it still fails, store the old key with \`touchrole keys add ${profile} --replace\`.`,
  );
}

/** Deletes a new key nobody uses; says what happened, for the error message. */
async function deleteQuietly(iam: IamApi, ctx: CallContext, created: NewAccessKey): Promise<string> {
  try {
    await iam.deleteAccessKey(ctx, { userName: created.userName, accessKeyId: created.accessKeyId });
    return 'it was deleted again';
  } catch {
    return `it still exists in IAM: delete it (aws iam delete-access-key --user-name ${created.userName} --access-key-id ${created.accessKeyId})`;
  }
}

async function readsAs(keys: KeyHome, accessKeyId: string): Promise<boolean> {
  try {
    return (await keys.read())?.accessKeyId === accessKeyId;
  } catch {
    return false;
  }
}

async function step<T>(run: () => Promise<T>, message: string, hint: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw wrap(e, message, hint);
  }
}

function wrap(e: unknown, message: string, hint: string): TouchroleError {
  const reason = isTouchroleError(e) ? e.message : e instanceof Error ? e.message : String(e);
  return new TouchroleError('rotation-failed', `${message} (${reason})`, { hint, cause: e });
}
