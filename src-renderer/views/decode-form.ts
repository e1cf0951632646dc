// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { RoleProfileView } from '../../src-shared/models';
import { ENCODED_MESSAGE_MAX_LENGTH } from '../../src-shared/rules';
import { compactEncodedMessage } from '../../src-shared/tool-messages';
import { launch } from '../api';
import { el } from '../dom';
import type { Banners } from './banners';

export interface DecodeDeps {
  api: TouchroleApi;
  banners: Banners;
}

/**
 * `touchrole decode`: a profile, the pasted "Encoded authorization failure message", and the
 * decoded JSON shown as text (textContent of a <pre>: never parsed as HTML).
 */
export function createDecodeForm(root: HTMLElement, deps: DecodeDeps): { update(profiles: readonly RoleProfileView[]): void } {
  const profile = el('select', { attrs: { 'aria-label': 'profile to decode with' } });
  const message = el('textarea', {
    attrs: {
      'aria-label': 'encoded authorization message',
      rows: '4',
      spellcheck: 'false',
      required: '',
      placeholder: 'Encoded authorization failure message',
    },
  });
  message.maxLength = ENCODED_MESSAGE_MAX_LENGTH + 4096; // room for the whitespace of a pasted message
  const submit = el('button', { text: 'Decode', attrs: { type: 'submit' } });
  const output = el('pre', { class: 'decoded', attrs: { 'aria-label': 'decoded message' } });
  output.hidden = true;
  const form = el('form', { class: 'decode' }, [el('div', { class: 'actions' }, [profile, submit]), message]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = { profile: profile.value, message: compactEncodedMessage(message.value) };
    submit.disabled = true;
    const done = deps.banners.progress(`Decoding with ${request.profile}: touch the YubiKey if it blinks`);
    launch(`Decoding the message with ${request.profile}`, deps.api.decodeMessage(request), deps.banners.show, (text) => {
      done();
      submit.disabled = false;
      output.hidden = text === undefined;
      output.textContent = text ?? '';
    });
  });
  root.replaceChildren(form, output);

  return {
    update(profiles) {
      const chosen = profile.value;
      profile.replaceChildren(...profiles.map((p) => el('option', { text: p.name, attrs: { value: p.name } })));
      if (profiles.some((p) => p.name === chosen)) profile.value = chosen;
      submit.disabled = profiles.length === 0;
    },
  };
}
