// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { MfaCredentialView, YubikeyStatusView } from '../../src-shared/models';
import { launch, type ErrorSink } from '../api';
import { el } from '../dom';

export interface YubikeyDeps {
  api: TouchroleApi;
  onError: ErrorSink;
  onStatus: (status: YubikeyStatusView) => void;
  /** "Show code" and the code, for a credential on its key (yubikey-codes.ts). */
  codeCell: (credential: MfaCredentialView) => HTMLElement;
  /** "Slot N" and the code of that OTP slot (yubikey-codes.ts). */
  slotCell: (slot: 1 | 2) => HTMLElement;
}

const STATE_LABELS: Record<YubikeyStatusView['state'], string> = {
  none: 'No YubiKey connected',
  ready: 'Ready',
  locked: 'Locked: enter the OATH password to unlock',
  touch: 'Touch your YubiKey now',
  unavailable: 'PC/SC unavailable: touchrole cannot look for a YubiKey',
};

/** Keys, the AWS MFA credentials on them (each with its code on demand), OTP-slot codes, and the unlock form for a password-protected applet. */
export function createYubikeyView(root: HTMLElement, deps: YubikeyDeps): { update(status: YubikeyStatusView): void } {
  const update = (status: YubikeyStatusView): void => {
    const parts: Node[] = [el('p', { class: `state state-${status.state}`, attrs: { 'data-state': status.state }, text: STATE_LABELS[status.state] })];
    // What is wrong and how to fix it, as the core says it (e.g. "start pcscd: …").
    const problem = status.problem;
    if (problem) parts.push(el('p', { class: 'problem', text: problem.hint ? `${problem.message} (${problem.hint})` : problem.message }));
    if (status.keys.length > 0) {
      parts.push(
        el('table', { class: 'keys' }, [
          el('thead', {}, [
            el(
              'tr',
              {},
              ['Serial', 'Device ID', 'Reader', 'Access'].map((h) => el('th', { text: h })),
            ),
          ]),
          el(
            'tbody',
            {},
            status.keys.map((k) =>
              el(
                'tr',
                {},
                [k.serial === undefined ? '—' : String(k.serial), k.deviceId, k.reader, k.locked ? 'locked' : 'unlocked'].map((c) => el('td', { text: c })),
              ),
            ),
          ),
        ]),
      );
    }
    parts.push(el('h3', { text: 'AWS MFA credentials' }));
    parts.push(
      status.mfaCredentials.length === 0
        ? el('p', {
            class: 'empty',
            text: status.state === 'locked' ? 'Unlock the key to list its credentials.' : 'No credential named with an AWS MFA device ARN.',
          })
        : el(
            'ul',
            { class: 'list' },
            status.mfaCredentials.map((c) =>
              el('li', { class: 'credential' }, [
                el('span', { class: 'name', text: c.mfaSerial }),
                el('span', { class: 'detail', text: c.touch ? `${c.name} · touch required` : c.name }),
                deps.codeCell(c),
              ]),
            ),
          ),
    );
    // Over USB HID, whatever PC/SC says: a key with its CCID interface off shows as "no YubiKey" there.
    parts.push(el('h3', { text: 'Code from an OTP slot' }));
    parts.push(
      el('ul', { class: 'list' }, [
        el('li', { class: 'otp-slots' }, [
          el('span', {
            class: 'detail',
            text: 'For a key whose smart-card (CCID) interface is off',
            attrs: { title: 'A TOTP secret in an OTP slot (ykman otp chalresp --totp), read over USB HID' },
          }),
          deps.slotCell(1),
          deps.slotCell(2),
        ]),
      ]),
    );
    if (status.keys.some((k) => k.locked)) parts.push(unlockForm(status, deps));
    root.replaceChildren(...parts);
  };
  return { update };
}

function unlockForm(status: YubikeyStatusView, deps: YubikeyDeps): HTMLFormElement {
  const password = el('input', { attrs: { type: 'password', autocomplete: 'off', 'aria-label': 'OATH password', placeholder: 'OATH password' } });
  const locked = status.keys.filter((k) => k.locked);
  const form = el('form', { class: 'unlock' }, [password, el('button', { text: 'Unlock', attrs: { type: 'submit' } })]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = password.value;
    password.value = ''; // the password lives only as long as the call
    const only = locked.length === 1 ? locked[0] : undefined;
    const request = only === undefined ? { password: value } : { password: value, deviceId: only.deviceId };
    launch('Unlocking the YubiKey', deps.api.unlock(request), deps.onError, (next) => {
      if (next !== undefined) deps.onStatus(next);
    });
  });
  return form;
}
