// SPDX-License-Identifier: MIT
import type { AddSourceKeyRequest } from '../../src-shared/models';
import { SECRET_ACCESS_KEY_MAX_LENGTH } from '../../src-shared/rules';
import { el } from '../dom';

/**
 * `touchrole keys add` as a form: profile, access key ID, the secret in a password field, and
 * Replace. The secret field is emptied as the form is sent, whatever comes of it: the secret
 * lives in the page only while it is typed, and goes to main once.
 */
export function createAddKeyForm(root: HTMLElement, add: (request: AddSourceKeyRequest, stored: () => void) => void): void {
  const input = (id: string, type: 'text' | 'password', extra: Record<string, string> = {}): HTMLInputElement =>
    el('input', { attrs: { id, type, required: '', autocomplete: 'off', spellcheck: 'false', ...extra } });
  const profile = input('add-key-profile', 'text', { maxlength: '256' });
  const accessKeyId = input('add-key-id', 'text', { maxlength: '128', autocapitalize: 'characters' });
  const secret = input('add-key-secret', 'password', { maxlength: String(SECRET_ACCESS_KEY_MAX_LENGTH), autocomplete: 'new-password' });
  const replace = el('input', { attrs: { id: 'add-key-replace', type: 'checkbox' } });
  const field = (label: string, node: HTMLInputElement, help?: string): HTMLElement =>
    el('div', { class: 'field' }, [el('label', { text: label, attrs: { for: node.id } }), node, ...(help === undefined ? [] : [el('small', { text: help })])]);
  const form = el('form', { class: 'add-key', attrs: { 'aria-labelledby': 'h-add-key' } }, [
    field('Profile', profile, 'The source profile the key belongs to, as named in ~/.aws/config'),
    field('Access key ID', accessKeyId, 'AKIA…'),
    field('Secret access key', secret, 'Stored in the OS keychain only; never shown again'),
    el('div', { class: 'field inline' }, [
      replace,
      el('label', { text: 'Replace other keys the keychain holds for this profile', attrs: { for: replace.id } }),
    ]),
    el('div', { class: 'actions' }, [el('button', { text: 'Add key', attrs: { type: 'submit' } })]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = { profile: profile.value.trim(), accessKeyId: accessKeyId.value.trim(), secretAccessKey: secret.value, replace: replace.checked };
    secret.value = '';
    // Stored: the form is ready for the next key; failed: profile and key ID stay for another try.
    add(request, () => {
      form.reset();
    });
  });
  root.replaceChildren(form);
}
