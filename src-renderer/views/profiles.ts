// SPDX-License-Identifier: MIT
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { RoleProfileView } from '../../src-shared/models';
import { formatDuration } from '../../src-shared/time/duration';
import { DEFAULT_DURATION_CHOICES } from '../../src-shared/tray-model';
import { launch, type ErrorSink } from '../api';
import { button, el, renderList } from '../dom';

export interface ProfilesDeps {
  api: TouchroleApi;
  onError: ErrorSink;
  /** `touchrole whoami <profile>` (tools.ts): with the held session, or a new one after a touch. */
  whoami: (profile: string) => void;
}

/** Role profiles from ~/.aws/config, each with a duration choice, Elevate and Who am I. */
export function createProfilesView(
  root: HTMLElement,
  deps: ProfilesDeps,
): { update(profiles: readonly RoleProfileView[], defaultDurationSeconds: number): void } {
  const update = (profiles: readonly RoleProfileView[], defaultDurationSeconds: number): void =>
    renderList(root, profiles, 'No role profiles in ~/.aws/config. Add one with role_arn and mfa_serial.', (p) => profileRow(p, defaultDurationSeconds, deps));
  return { update };
}

function profileRow(p: RoleProfileView, defaultDurationSeconds: number, deps: ProfilesDeps): HTMLElement {
  const preferred = p.durationSeconds ?? defaultDurationSeconds;
  const choices = [...new Set([...DEFAULT_DURATION_CHOICES, preferred])].sort((a, b) => a - b);
  const select = el(
    'select',
    { attrs: { 'aria-label': `duration for ${p.name}` } },
    choices.map((d) => {
      const option = el('option', { text: formatDuration(d), attrs: { value: String(d) } });
      option.selected = d === preferred;
      return option;
    }),
  );
  const elevate = button('Elevate', () => {
    elevate.disabled = true;
    launch(`Elevating ${p.name}`, deps.api.elevate({ profile: p.name, durationSeconds: Number(select.value) }), deps.onError, () => {
      elevate.disabled = false;
    });
  });
  return el('li', { class: 'profile', attrs: { 'data-profile': p.name } }, [
    el('div', { class: 'session-main' }, [
      el('span', { class: 'name', text: p.name }),
      el('span', { class: 'detail', text: p.roleArn }),
      el('span', { class: 'detail', text: p.mfaSerial === undefined ? 'no mfa_serial' : `MFA ${p.mfaSerial}` }),
    ]),
    el('div', { class: 'actions' }, [select, elevate, button('Who am I', () => deps.whoami(p.name), { class: 'secondary' })]),
  ]);
}
