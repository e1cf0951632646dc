// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../src-shared/errors';
import type { TouchroleApi } from '../../src-shared/ipc-contract';
import type { AppSettings } from '../../src-shared/models';
import { SESSION_SUFFIX_MAX_LENGTH, WARN_MINUTES_RULE } from '../../src-shared/rules';
import { formatDuration, parseDuration } from '../../src-shared/time/duration';
import { launch, type ErrorSink } from '../api';
import { el } from '../dom';

export interface SettingsDeps {
  api: TouchroleApi;
  onError: ErrorSink;
  onSaved: (settings: AppSettings) => void;
}

/** Warning thresholds, default duration, start at login and how written profiles are named. */
export function createSettingsView(root: HTMLElement, deps: SettingsDeps): { update(settings: AppSettings): void } {
  const warn = el('input', { attrs: { id: 'set-warn', type: 'text', inputmode: 'numeric' } });
  const duration = el('input', { attrs: { id: 'set-duration', type: 'text' } });
  const suffix = el('input', { attrs: { id: 'set-suffix', type: 'text', maxlength: String(SESSION_SUFFIX_MAX_LENGTH) } });
  const login = el('input', { attrs: { id: 'set-login', type: 'checkbox' } });
  const status = el('span', { class: 'saved', attrs: { role: 'status' } });
  const field = (label: string, input: HTMLInputElement, help: string): HTMLElement =>
    el('div', { class: 'field' }, [el('label', { text: label, attrs: { for: input.id } }), input, el('small', { text: help })]);
  const form = el('form', { class: 'settings' }, [
    field('Warn before expiry (minutes)', warn, `Comma-separated, e.g. 10, 2 (at most ${WARN_MINUTES_RULE.maxCount}, each up to ${WARN_MINUTES_RULE.max})`),
    field('Default session duration', duration, 'e.g. 1h, 45m, 12h'),
    field('Written profile suffix', suffix, 'Sessions are written to ~/.aws/credentials as <profile><suffix>'),
    el('div', { class: 'field inline' }, [login, el('label', { text: 'Start touchrole at login', attrs: { for: login.id } })]),
    el('div', { class: 'actions' }, [el('button', { text: 'Save', attrs: { type: 'submit' } }), status]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = '';
    let settings: AppSettings;
    try {
      settings = {
        warnMinutes: warn.value
          .split(',')
          .map((m) => m.trim())
          .filter((m) => m !== '')
          .map(Number),
        defaultDurationSeconds: parseDuration(duration.value),
        startAtLogin: login.checked,
        profileSuffix: suffix.value.trim(),
      };
    } catch (e) {
      if (e instanceof TouchroleError) return deps.onError('Saving settings', e.toWire());
      throw e;
    }
    launch('Saving settings', deps.api.settingsSet(settings), deps.onError, (saved) => {
      if (saved === undefined) return;
      update(saved);
      status.textContent = 'Saved';
      deps.onSaved(saved);
    });
  });
  root.replaceChildren(form);

  function update(settings: AppSettings): void {
    warn.value = settings.warnMinutes.join(', ');
    duration.value = formatDuration(settings.defaultDurationSeconds);
    suffix.value = settings.profileSuffix;
    login.checked = settings.startAtLogin;
  }
  return { update };
}
