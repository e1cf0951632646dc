// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { SessionView } from '../../src-shared/models';
import { formatCountdown } from '../../src-shared/time/format';
import { launch, type ErrorSink } from '../api';
import { button, el } from '../dom';

export interface SessionsDeps {
  api: TouchroleApi;
  onError: ErrorSink;
  now: () => number;
  /** `touchrole whoami` with the session (tools.ts). */
  whoami: (profile: string) => void;
}

/** Active sessions with live countdowns, Renew, Who am I and End. */
export function createSessionsView(root: HTMLElement, deps: SessionsDeps): { update(sessions: readonly SessionView[]): void; tick(): void } {
  let countdowns: { node: HTMLElement; row: HTMLElement; expiresAt: number }[] = [];

  const tick = (): void => {
    const now = deps.now();
    for (const c of countdowns) {
      const label = Number.isNaN(c.expiresAt) ? 'expiry unreadable' : formatCountdown(c.expiresAt - now);
      if (c.node.textContent !== label) c.node.textContent = label;
      c.row.classList.toggle('expired', label === 'expired');
      c.row.classList.toggle('soon', label !== 'expired' && c.expiresAt - now < 10 * 60_000); // false for NaN
    }
  };

  const update = (sessions: readonly SessionView[]): void => {
    // A session whose expiry was damaged by a hand edit (expiryUnreadable) sorts last.
    const expiry = (s: SessionView): number => (s.expiryUnreadable === true ? Infinity : Date.parse(s.expiration));
    const sorted = [...sessions].sort((a, b) => expiry(a) - expiry(b) || a.profile.localeCompare(b.profile));
    countdowns = [];
    if (sorted.length === 0) {
      root.replaceChildren(el('p', { class: 'empty', text: 'No active sessions. Elevate a role profile to start one.' }));
      return;
    }
    const rows = sorted.map((s) => {
      const countdown = el('span', { class: 'countdown', attrs: { 'aria-label': `time left for ${s.profile}` } });
      const row = el('li', { class: 'session', attrs: { 'data-profile': s.profile } }, [
        el('div', { class: 'session-main' }, [
          el('span', { class: 'name', text: s.profile }),
          el('span', {
            class: 'detail',
            text: [s.writtenProfile === undefined ? '' : `profile ${s.writtenProfile}`, s.roleArn ?? ''].filter((x) => x !== '').join(' · '),
          }),
        ]),
        countdown,
        el('div', { class: 'actions' }, [
          button('Renew', () => launch(`Renewing ${s.profile}`, deps.api.renew({ profile: s.profile }), deps.onError)),
          button('Who am I', () => deps.whoami(s.profile), { class: 'secondary' }),
          button('End', () => launch(`Ending ${s.profile}`, deps.api.end({ profile: s.profile }), deps.onError), { class: 'secondary' }),
        ]),
      ]);
      countdowns.push({ node: countdown, row, expiresAt: Date.parse(s.expiration) });
      return row;
    });
    root.replaceChildren(el('ul', { class: 'list' }, rows));
    tick();
  };

  return { update, tick };
}
