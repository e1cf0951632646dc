// SPDX-License-Identifier: MIT
import type { KeyAgeView } from '../../src-shared/models';
import { button, el, renderList } from '../dom';
import type { KeyActionsUi } from './key-actions';

/** Source profiles' long-term access keys (`touchrole keys age`), each with Rotate and its MFA device action. */
export function createKeysView(root: HTMLElement, actions: KeyActionsUi): { update(keys: readonly KeyAgeView[]): void } {
  return {
    update: (keys) => renderList(root, keys, 'No profile has a long-term access key. Add one with touchrole keys add.', (k) => keyRow(k, actions)),
  };
}

function keyRow(k: KeyAgeView, actions: KeyActionsUi): HTMLElement {
  const box = el('div', { class: 'actions' });
  const { pendingDeletion, mfaSerial } = k;
  box.append(
    button('Rotate key', () => actions.rotate(k.profile, box)),
    mfaSerial === null
      ? button('Register MFA device', () => actions.register(k.profile), { class: 'secondary' })
      : button('Remove MFA device', () => actions.unregister(k.profile, mfaSerial, box), { class: 'secondary' }),
  );
  return el('li', { class: k.due ? 'key due' : 'key', attrs: { 'data-profile': k.profile } }, [
    el('div', { class: 'session-main' }, [
      el('span', { class: 'name', text: k.profile }),
      el('span', { class: 'detail', text: `${k.accessKeyId ?? 'no key'} · ${ageText(k)}` }),
      el('span', { class: 'detail', text: mfaSerial === null ? 'no MFA device' : `MFA ${mfaSerial}` }),
      ...(pendingDeletion === null
        ? []
        : [el('span', { class: 'detail', text: `old key ${pendingDeletion.oldAccessKeyId} to delete after ${pendingDeletion.deleteAfter}` })]),
      ...(k.note === null ? [] : [el('span', { class: 'detail', text: k.note })]),
    ]),
    box,
  ]);
}

function ageText(k: KeyAgeView): string {
  if (k.ageDays === null) return 'age unknown';
  const from = k.source === 'imported' ? 'since it was stored' : 'from IAM';
  return `${k.ageDays} days old ${from} (limit ${k.maxAgeDays})${k.due ? ': due for rotation' : ''}`;
}
