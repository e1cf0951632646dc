// SPDX-License-Identifier: MIT
import type { IpcResult, TouchroleApi } from '../../src-shared/ipc-contract';
import { REGISTER_TOUCH_NOTICE } from '../../src-shared/key-action-messages';
import type { AddSourceKeyRequest, KeyActionResult } from '../../src-shared/models';
import { REMOVE_KEEPS_IAM_KEY } from '../../src-shared/source-key-messages';
import { launch } from '../api';
import { button, el } from '../dom';
import type { Banners } from './banners';

export interface KeyActionsDeps {
  api: TouchroleApi;
  banners: Banners;
  /** After an action, successful or not: the key lists and reminders are read again. */
  refresh: () => void;
}

/** The window's key rotation and MFA device actions; `actions` is the row's button box (confirmations appear there). */
export interface KeyActionsUi {
  rotate(profile: string, actions: HTMLElement): void;
  finish(profile: string, oldAccessKeyId: string | undefined, actions: HTMLElement): void;
  register(profile: string): void;
  unregister(profile: string, mfaSerial: string, actions: HTMLElement): void;
  /** `keys add`; `stored` runs once the keychain holds the key. */
  addSourceKey(request: AddSourceKeyRequest, stored: () => void): void;
  importSourceKey(profile: string, actions: HTMLElement): void;
  removeSourceKey(profile: string, accessKeyId: string, actions: HTMLElement): void;
}

/** Each action: a confirmation where something is deleted, a progress banner, then the result or the error. */
export function createKeyActions(deps: KeyActionsDeps): KeyActionsUi {
  const run = (what: string, progress: string, pending: () => Promise<IpcResult<KeyActionResult>>, succeeded: () => void = () => undefined): void => {
    const done = deps.banners.progress(progress);
    launch(what, pending(), deps.banners.show, (result) => {
      done();
      if (result !== undefined) {
        deps.banners.note(result.message);
        succeeded();
      }
      deps.refresh();
    });
  };
  return {
    rotate: (profile, actions) =>
      confirmIn(
        actions,
        `Rotate the access key of ${profile}? A new key is created and stored; the old one stops working now and is deleted after the grace period.`,
        'Yes, rotate',
        () =>
          run(`Rotating the key of ${profile}`, `Rotating the access key of ${profile}: touch the YubiKey if it blinks`, () => deps.api.rotateKey({ profile })),
      ),
    finish: (profile, oldAccessKeyId, actions) =>
      confirmIn(actions, `Delete the old access key ${oldAccessKeyId ?? ''} of ${profile} from IAM? This cannot be undone.`, 'Yes, delete', () =>
        run(`Deleting the old key of ${profile}`, `Deleting the old access key of ${profile}`, () => deps.api.finishRotation({ profile })),
      ),
    register: (profile) =>
      run(`Registering an MFA device for ${profile}`, `Registering the YubiKey as the MFA device of ${profile}: ${REGISTER_TOUCH_NOTICE}`, () =>
        deps.api.registerMfaDevice({ profile }),
      ),
    unregister: (profile, mfaSerial, actions) =>
      confirmIn(
        actions,
        `Remove the MFA device ${mfaSerial} of ${profile}? It is deleted from IAM, its seed from the YubiKey, ` +
          'and mfa_serial from the profile. This cannot be undone.',
        'Yes, remove',
        () =>
          run(`Removing the MFA device of ${profile}`, `Removing the MFA device of ${profile}: touch the YubiKey if it blinks`, () =>
            deps.api.unregisterMfaDevice({ profile }),
          ),
      ),
    // The request (with the secret) goes to main and is dropped here; banners name the profile only.
    addSourceKey: (request, stored) =>
      run(`Adding a key for ${request.profile}`, `Storing the key of ${request.profile} in the keychain`, () => deps.api.addSourceKey(request), stored),
    importSourceKey: (profile, actions) =>
      confirmIn(actions, `Move the key of ${profile} from ~/.aws/credentials into the keychain? The file keeps everything else.`, 'Yes, move it', () =>
        run(`Importing the key of ${profile}`, `Moving the key of ${profile} into the keychain`, () => deps.api.importSourceKey({ profile, replace: false })),
      ),
    removeSourceKey: (profile, accessKeyId, actions) =>
      confirmIn(actions, `Remove the key ${accessKeyId} of ${profile} from the keychain? ${REMOVE_KEEPS_IAM_KEY}`, 'Yes, remove', () =>
        run(`Removing the key of ${profile}`, `Removing the key of ${profile} from the keychain`, () => deps.api.removeSourceKey({ profile })),
      ),
  };
}

/** Asks in place of the row's buttons; Cancel puts them back. */
function confirmIn(actions: HTMLElement, question: string, confirmLabel: string, onConfirm: () => void): void {
  const previous = [...actions.childNodes];
  const restore = (): void => actions.replaceChildren(...previous);
  actions.replaceChildren(
    el('span', { class: 'confirm', text: question, attrs: { role: 'alert' } }),
    button(
      confirmLabel,
      () => {
        restore();
        onConfirm();
      },
      { class: 'danger' },
    ),
    button('Cancel', restore, { class: 'secondary' }),
  );
}
