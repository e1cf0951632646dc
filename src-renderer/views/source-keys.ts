// SPDX-License-Identifier: MIT
import type { KeyAgeView, SourceKeyView } from '../../src-shared/models';
import { button, el } from '../dom';
import type { KeyActionsUi } from './key-actions';

/**
 * The keychain's long-term keys (`touchrole keys list`), each with Remove; below them the profiles
 * whose key still sits in plaintext in the credentials file (a key age with a key the keychain
 * does not hold), each with Import. Key IDs and dates only: the window never sees a secret.
 */
export function createSourceKeysView(
  root: HTMLElement,
  actions: KeyActionsUi,
): { update(keychain: readonly SourceKeyView[], ages: readonly KeyAgeView[]): void } {
  return {
    update(keychain, ages) {
      const inKeychain = new Set(keychain.map((k) => k.profile));
      const plaintext = ages.filter((a) => a.accessKeyId !== null && !inKeychain.has(a.profile));
      root.replaceChildren(
        keychain.length === 0
          ? el('p', { class: 'empty', text: 'No keys in the keychain. Add one below, or import one from the credentials file.' })
          : el(
              'ul',
              { class: 'list keychain' },
              keychain.map((k) => keychainRow(k, actions)),
            ),
        ...(plaintext.length === 0
          ? []
          : [
              el('h4', { text: 'In plaintext in the credentials file' }),
              el(
                'ul',
                { class: 'list plaintext' },
                plaintext.map((a) => plaintextRow(a, actions)),
              ),
            ]),
      );
    },
  };
}

function keychainRow(k: SourceKeyView, actions: KeyActionsUi): HTMLElement {
  const box = el('div', { class: 'actions' });
  box.append(button('Remove', () => actions.removeSourceKey(k.profile, k.accessKeyId, box), { class: 'secondary' }));
  return el('li', { class: 'source-key', attrs: { 'data-profile': k.profile } }, [
    el('div', { class: 'session-main' }, [
      el('span', { class: 'name', text: k.profile }),
      el('span', { class: 'detail', text: `${k.accessKeyId} · stored ${k.storedAt.slice(0, 10)}` }),
    ]),
    box,
  ]);
}

function plaintextRow(a: KeyAgeView, actions: KeyActionsUi): HTMLElement {
  const box = el('div', { class: 'actions' });
  box.append(button('Import into the keychain', () => actions.importSourceKey(a.profile, box)));
  return el('li', { class: 'plaintext-key', attrs: { 'data-profile': a.profile } }, [
    el('div', { class: 'session-main' }, [
      el('span', { class: 'name', text: a.profile }),
      el('span', { class: 'detail', text: `${a.accessKeyId ?? ''} · in ~/.aws/credentials` }),
    ]),
    box,
  ]);
}
