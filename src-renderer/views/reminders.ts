// SPDX-License-Identifier: MIT
import type { RotationReminder } from '../../src-shared/models';
import { el } from '../dom';

/** Access keys due for rotation, and rotations waiting to be finished. */
export function createRemindersView(root: HTMLElement): { update(reminders: readonly RotationReminder[]): void } {
  const update = (reminders: readonly RotationReminder[]): void => {
    if (reminders.length === 0) {
      root.replaceChildren(el('p', { class: 'empty', text: 'No access key is due for rotation.' }));
      return;
    }
    root.replaceChildren(
      el(
        'ul',
        { class: 'list' },
        reminders.map((r) =>
          el('li', { class: 'reminder', attrs: { 'data-profile': r.profile } }, [
            el('span', { class: 'name', text: r.profile }),
            el('span', {
              class: 'detail',
              text:
                r.kind === 'rotate'
                  ? `Access key is ${r.ageDays} days old (limit ${r.maxAgeDays}). Run: touchrole keys rotate ${r.profile}`
                  : `Old key inactive for ${r.ageDays} days (grace ${r.maxAgeDays}). Run: touchrole keys rotate ${r.profile} --finish`,
            }),
          ]),
        ),
      ),
    );
  };
  return { update };
}
