// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { MfaCredentialView, YubikeyCodeRequest } from '../../src-shared/models';
import { launch } from '../api';
import { button, el } from '../dom';
import type { Banners } from './banners';

export interface CodesDeps {
  api: TouchroleApi;
  banners: Banners;
  now: () => number;
}

/**
 * "Show code" beside each MFA credential and "Slot 1|2" for OTP slots, and the code with its
 * seconds left; `tick` (every second) counts down and drops expired codes.
 */
export interface CodeDisplay {
  cell: (credential: MfaCredentialView) => HTMLElement;
  slotCell: (slot: 1 | 2) => HTMLElement;
  tick(): void;
}

/** Where a code comes from: its button, what the banners and the code's label call it, and the request. */
interface CodeSource {
  button: string;
  what: string;
  /** The progress banner while the code is read. */
  reading: string;
  request: YubikeyCodeRequest;
  /** Shown before the code where the row alone does not say whose it is (two slots share one row). */
  label?: string;
}

/** An HOTP code has no end; it is shown this long. */
const HOTP_SHOWN_MS = 30_000;

/**
 * `touchrole yubikey code --serial …` for the window: the code of this credential on this key
 * (its deviceId), so with several keys plugged in the user picks the key by the row; and
 * `touchrole yubikey code --slot N`, for a key whose CCID interface is off. Codes live here, not
 * in the panel, so they survive the panel being drawn again (a key event).
 */
export function createCodeDisplay(deps: CodesDeps): CodeDisplay {
  const codes = new Map<string, { code: string; validToMs: number }>();
  const cells = new Map<string, { node: HTMLElement; source: CodeSource }>();

  const secondsLeft = (validToMs: number): number => Math.ceil((validToMs - deps.now()) / 1000);

  const render = (key: string): void => {
    const entry = cells.get(key);
    if (entry === undefined) return;
    const shown = codes.get(key);
    if (shown === undefined) {
      entry.node.replaceChildren(button(entry.source.button, () => read(key, entry.source), { class: 'secondary' }));
      return;
    }
    entry.node.replaceChildren(
      ...(entry.source.label === undefined ? [] : [el('span', { class: 'otp-left', text: entry.source.label })]),
      el('span', { class: 'otp-code', text: shown.code, attrs: { 'aria-label': `code for ${entry.source.what}` } }),
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

  const read = (key: string, source: CodeSource): void => {
    const done = deps.banners.progress(source.reading);
    launch(`Reading a code for ${source.what}`, deps.api.yubikeyCode(source.request), deps.banners.show, (r) => {
      done();
      if (r === undefined) return;
      codes.set(key, { code: r.code, validToMs: r.validTo === null ? deps.now() + HOTP_SHOWN_MS : Date.parse(r.validTo) });
      render(key);
    });
  };

  const cellFor = (key: string, source: CodeSource): HTMLElement => {
    const node = el('span', { class: 'otp' });
    cells.set(key, { node, source });
    render(key);
    return node;
  };

  return {
    cell: (c) =>
      cellFor(`${c.deviceId}\n${c.name}`, {
        button: 'Show code',
        what: c.mfaSerial,
        reading: c.touch ? `Reading a code for ${c.mfaSerial}: touch the YubiKey when it blinks` : `Reading a code for ${c.mfaSerial}`,
        request: { name: c.name, deviceId: c.deviceId },
      }),
    // Whether the slot asks for a touch is known only once the key waits: the banner says "if".
    slotCell: (slot) =>
      cellFor(`slot ${slot}`, {
        button: `Slot ${slot}`,
        what: `OTP slot ${slot}`,
        reading: `Reading a code from OTP slot ${slot}: touch the YubiKey if it blinks`,
        request: { slot },
        label: `Slot ${slot}`,
      }),
    tick() {
      for (const [key, shown] of codes) {
        if (secondsLeft(shown.validToMs) <= 0) codes.delete(key);
        render(key);
      }
    },
  };
}
