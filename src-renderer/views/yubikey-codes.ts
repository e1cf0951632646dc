// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { MfaCredentialView } from '../../src-shared/models';
import { launch } from '../api';
import { button, el } from '../dom';
import type { Banners } from './banners';

export interface CodesDeps {
  api: TouchroleApi;
  banners: Banners;
  now: () => number;
}

/** "Show code" beside each MFA credential, and the code with its seconds left; `tick` (every second) counts down and drops expired codes. */
export interface CodeDisplay {
  cell: (credential: MfaCredentialView) => HTMLElement;
  tick(): void;
}

/** An HOTP code has no end; it is shown this long. */
const HOTP_SHOWN_MS = 30_000;

/**
 * `touchrole yubikey code --serial …` for the window: the code of this credential on this key
 * (its deviceId), so with several keys plugged in the user picks the key by the row. Codes live
 * here, not in the panel, so they survive the panel being drawn again (a key event).
 */
export function createCodeDisplay(deps: CodesDeps): CodeDisplay {
  const codes = new Map<string, { code: string; validToMs: number }>();
  const cells = new Map<string, { node: HTMLElement; credential: MfaCredentialView }>();
  const keyOf = (c: MfaCredentialView): string => `${c.deviceId}\n${c.name}`;

  const secondsLeft = (validToMs: number): number => Math.ceil((validToMs - deps.now()) / 1000);

  const render = (key: string): void => {
    const entry = cells.get(key);
    if (entry === undefined) return;
    const shown = codes.get(key);
    if (shown === undefined) {
      entry.node.replaceChildren(button('Show code', () => read(key, entry.credential), { class: 'secondary' }));
      return;
    }
    entry.node.replaceChildren(
      el('span', { class: 'otp-code', text: shown.code, attrs: { 'aria-label': `code for ${entry.credential.mfaSerial}` } }),
      el('span', { class: 'otp-left', text: `${secondsLeft(shown.validToMs)} s left` }),
      button(
        'Hide',
        () => {
          codes.delete(key);
          render(key);
        },
        { class: 'link' },
      ),
    );
  };

  const read = (key: string, c: MfaCredentialView): void => {
    const done = deps.banners.progress(c.touch ? `Reading a code for ${c.mfaSerial}: touch the YubiKey when it blinks` : `Reading a code for ${c.mfaSerial}`);
    launch(`Reading a code for ${c.mfaSerial}`, deps.api.yubikeyCode({ name: c.name, deviceId: c.deviceId }), deps.banners.show, (r) => {
      done();
      if (r === undefined) return;
      codes.set(key, { code: r.code, validToMs: r.validTo === null ? deps.now() + HOTP_SHOWN_MS : Date.parse(r.validTo) });
      render(key);
    });
  };

  return {
    cell(credential) {
      const key = keyOf(credential);
      const node = el('span', { class: 'otp' });
      cells.set(key, { node, credential });
      render(key);
      return node;
    },
    tick() {
      for (const [key, shown] of codes) {
        if (secondsLeft(shown.validToMs) <= 0) codes.delete(key);
        render(key);
      }
    },
  };
}
