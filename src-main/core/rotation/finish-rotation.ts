// SPDX-License-Identifier: MIT
// `keys rotate --finish`: delete the old key once the grace period is over, signed with the new key.
import { TouchroleError } from '../../../src-shared/errors';
import type { IamApi } from '../sts';
import { iamCallContext, type IamSessionDeps } from './iam-session';
import type { KeyHome } from './key-home';
import type { RotationStateFile } from './rotation-state';

export interface FinishDeps extends IamSessionDeps {
  iam: IamApi;
  keys: KeyHome;
  state: RotationStateFile;
}

export interface FinishResult {
  profile: string;
  deletedAccessKeyId: string;
  /** The old key was already gone from IAM (deleted elsewhere). */
  alreadyGone: boolean;
}

export async function finishRotation(profile: string, deps: FinishDeps, options: { now: boolean }): Promise<FinishResult> {
  const pending = (await deps.state.read()).pending.get(profile);
  if (pending === undefined) {
    throw new TouchroleError('rotation-failed', `No rotation of "${profile}" is waiting to be finished`, {
      hint: `Start one with \`touchrole keys rotate ${profile}\`.`,
    });
  }
  if (!options.now && deps.clock.now() < pending.deleteAfter) {
    throw new TouchroleError(
      'rotation-failed',
      `The grace period for old key ${pending.oldAccessKeyId} of "${profile}" ends ${new Date(pending.deleteAfter).toISOString()}`,
      {
        hint: `Run \`touchrole keys rotate ${profile} --finish\` after that, or add --now to delete it today.`,
      },
    );
  }
  const keys = await deps.keys.read();
  // Deleting the old key while it is still the stored one would lock the user out.
  if (keys?.accessKeyId !== pending.newAccessKeyId) {
    throw new TouchroleError(
      'rotation-failed',
      `The key stored for "${profile}" is not the new key ${pending.newAccessKeyId}; old key ${pending.oldAccessKeyId} was left as it is`,
      {
        hint: `Store the new key with \`touchrole keys add ${profile} --replace\`, or delete the old key yourself in the IAM console.`,
      },
    );
  }
  const ctx = await iamCallContext(keys, deps);
  const old = (await deps.iam.listAccessKeys(ctx, { userName: pending.userName })).find((k) => k.accessKeyId === pending.oldAccessKeyId);
  if (old !== undefined) {
    if (old.status === 'Active') await deps.iam.updateAccessKey(ctx, { userName: pending.userName, accessKeyId: old.accessKeyId, status: 'Inactive' });
    await deps.iam.deleteAccessKey(ctx, { userName: pending.userName, accessKeyId: old.accessKeyId });
  }
  await deps.state.update((s) => {
    s.pending.delete(profile);
  });
  return { profile, deletedAccessKeyId: pending.oldAccessKeyId, alreadyGone: old === undefined };
}
