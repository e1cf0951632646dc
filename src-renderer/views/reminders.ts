// SPDX-License-Identifier: MIT
import type { RotationReminder } from '../../src-shared/models';
import { button, el, renderList } from '../dom';
import type { KeyActionsUi } from './key-actions';

/** Access keys due for rotation, and rotations waiting to be finished, each with the action that settles it. */
export function createRemindersView(root: HTMLElement, actions: KeyActionsUi): { update(reminders: readonly RotationReminder[]): void } {
  return { update: (reminders) => renderList(root, reminders, 'No access key is due for rotation.', (r) => reminderRow(r, actions)) };
}

function reminderRow(r: RotationReminder, actions: KeyActionsUi): HTMLElement {
  const box = el('div', { class: 'actions' });
  box.append(
    r.kind === 'rotate'
      ? button('Rotate key', () => actions.rotate(r.profile, box))
      : button('Delete old key', () => actions.finish(r.profile, undefined, box), { class: 'secondary' }),
  );
  return el('li', { class: 'reminder', attrs: { 'data-profile': r.profile } }, [
    el('div', { class: 'session-main' }, [
      el('span', { class: 'name', text: r.profile }),
      el('span', {
        class: 'detail',
        text:
          r.kind === 'rotate'
            ? `Access key is ${r.ageDays} days old (limit ${r.maxAgeDays}). Run: touchrole keys rotate ${r.profile}`
            : `Old key inactive for ${r.ageDays} days (grace ${r.maxAgeDays}). Run: touchrole keys rotate ${r.profile} --finish`,
      }),
    ]),
    box,
  ]);
}
