// SPDX-License-Identifier: MIT
/** The window: loads everything through window.touchrole and keeps it live from main's events. */
import { WINDOW_VIEWS, type WindowView } from '../src-shared/ipc-contract';
import type { AppSettings, RoleProfileView } from '../src-shared/models';
import { call, launch } from './api';
import { byId, el } from './dom';
import { createAddKeyForm } from './views/add-key-form';
import { createBanners } from './views/banners';
import { createDecodeForm } from './views/decode-form';
import { createKeyActions } from './views/key-actions';
import { createKeysView } from './views/keys';
import { createProfilesView } from './views/profiles';
import { createRemindersView } from './views/reminders';
import { createSessionsView } from './views/sessions';
import { createSettingsView } from './views/settings';
import { createSourceKeysView } from './views/source-keys';
import { createTools } from './views/tools';
import { createTouchOverlay } from './views/touch-overlay';
import { createYubikeyView } from './views/yubikey';
import { createCodeDisplay } from './views/yubikey-codes';

const VIEW_LABELS: Record<WindowView, string> = {
  sessions: 'Sessions',
  profiles: 'Elevate',
  yubikey: 'YubiKey',
  settings: 'Settings',
  reminders: 'Key rotation',
};

function start(): void {
  const api = window.touchrole;
  const banners = createBanners(byId('banners'));
  const onError = banners.show;
  let defaultDurationSeconds = 3600; // until settings arrive
  let profiles: readonly RoleProfileView[] = [];

  const tools = createTools({ api, banners });
  const sessionsView = createSessionsView(byId('sessions'), { api, onError, now: () => Date.now(), whoami: tools.whoami });
  byId('session-tools').replaceChildren(tools.cleanButton());
  const decodeForm = createDecodeForm(byId('decode'), { api, banners });
  const profilesView = createProfilesView(byId('profiles'), { api, onError, whoami: tools.whoami });
  const codes = createCodeDisplay({ api, banners, now: () => Date.now() });
  const yubikeyView = createYubikeyView(byId('yubikey'), {
    api,
    onError,
    onStatus: (s) => yubikeyView.update(s),
    codeCell: codes.cell,
    slotCell: codes.slotCell,
  });
  const onSettings = (s: AppSettings): void => {
    defaultDurationSeconds = s.defaultDurationSeconds;
    profilesView.update(profiles, defaultDurationSeconds);
  };
  const settingsView = createSettingsView(byId('settings'), { api, onError, onSaved: onSettings });
  const keyActions = createKeyActions({ api, banners, refresh: () => loadKeys() });
  const remindersView = createRemindersView(byId('reminders'), keyActions);
  const keysView = createKeysView(byId('keys'), keyActions);
  const sourceKeysView = createSourceKeysView(byId('source-keys'), keyActions);
  createAddKeyForm(byId('add-key'), (request, stored) => keyActions.addSourceKey(request, stored));
  /** Reminders, key ages and the keychain's keys, at start and after every key action. */
  const loadKeys = (): void => {
    launch('Loading rotation reminders', api.rotationReminders(), onError, (r) => r !== undefined && remindersView.update(r));
    Promise.all([call('Loading access keys', api.keyAges(), onError), call('Loading the keychain keys', api.sourceKeys(), onError)])
      .then(([ages, keychain]) => {
        if (ages !== undefined) keysView.update(ages);
        if (ages !== undefined && keychain !== undefined) sourceKeysView.update(keychain, ages);
      })
      .catch(() => onError('Loading access keys', { code: 'internal', message: 'the touchrole window failed unexpectedly' }));
  };
  const showTouch = createTouchOverlay();

  const nav = byId('nav');
  const show = (view: WindowView): void => {
    for (const section of document.querySelectorAll<HTMLElement>('main > section')) section.hidden = section.dataset['view'] !== view;
    for (const b of nav.querySelectorAll<HTMLButtonElement>('button')) b.setAttribute('aria-current', String(b.dataset['view'] === view));
  };
  nav.replaceChildren(
    ...WINDOW_VIEWS.map((view) => {
      const b = el('button', { text: VIEW_LABELS[view], attrs: { type: 'button', 'data-view': view } });
      b.addEventListener('click', () => show(view));
      return b;
    }),
  );
  const initial = WINDOW_VIEWS.find((v) => `#${v}` === window.location.hash) ?? 'sessions';
  show(initial);

  api.on('sessionsChanged', (sessions) => sessionsView.update(sessions));
  api.on('yubikeyChanged', (status) => yubikeyView.update(status));
  api.on('touchPrompt', showTouch);
  api.on('showView', show);
  // Countdowns tick every second; main ticks the tray that fast only while this window shows.
  window.setInterval(() => {
    sessionsView.tick();
    codes.tick();
  }, 1_000);

  launch('Loading sessions', api.sessionsList(), onError, (s) => s !== undefined && sessionsView.update(s));
  launch('Loading the YubiKey status', api.yubikeyStatus(), onError, (s) => s !== undefined && yubikeyView.update(s));
  loadKeys();
  // Profiles show their default durations, so both arrive before either is shown.
  Promise.all([call('Loading settings', api.settingsGet(), onError), call('Loading role profiles', api.profilesList(), onError)])
    .then(([s, p]) => {
      if (s !== undefined) {
        settingsView.update(s);
        defaultDurationSeconds = s.defaultDurationSeconds;
      }
      profiles = p ?? [];
      profilesView.update(profiles, defaultDurationSeconds);
      decodeForm.update(profiles);
    })
    .catch(() => onError('Loading settings', { code: 'internal', message: 'the touchrole window failed unexpectedly' }));
}

start();
