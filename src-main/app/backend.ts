// SPDX-License-Identifier: MIT
import type {
  AppSettings,
  ElevateRequest,
  IpcEventName,
  IpcEvents,
  RoleProfileView,
  RotationReminder,
  SessionView,
  UnlockRequest,
  YubikeyStatusView,
} from '../../src-shared/ipc-contract';

/** Backend events: the contract's main -> renderer events except the window-only `showView`. */
export type AppBackendEvents = Omit<IpcEvents, 'showView'>;
export type AppBackendEventName = Exclude<IpcEventName, 'showView'>;

/**
 * Everything the tray app needs from the core. The lead composes the real one over the embedded
 * agent (sessions, touch events), aws-config (role profiles), oath (YubiKey), settings and
 * rotation; tests use test/support/fake-app-backend.ts.
 *
 * Methods throw TouchroleError for anything a user can act on; its code, message and hint reach
 * the window and notifications as they are. Expiry warnings are the app's job (it computes them
 * from `sessions()` with src-shared/session-timeline); the backend removes expired profiles
 * itself and then emits `sessionsChanged`.
 */
export interface AppBackend {
  sessions(): Promise<SessionView[]>;
  /** Touch (emits touchPrompt), STS, write the session; emits sessionsChanged. */
  elevate(request: ElevateRequest): Promise<SessionView>;
  renew(profile: string): Promise<SessionView>;
  end(profile: string): Promise<void>;
  /** Ends every session and drops the MFA session; emits sessionsChanged. */
  logout(): Promise<void>;
  roleProfiles(): Promise<RoleProfileView[]>;
  yubikeyStatus(): Promise<YubikeyStatusView>;
  /** Derives and stores the OATH key; the password is not kept. */
  unlock(request: UnlockRequest): Promise<YubikeyStatusView>;
  settings(): Promise<AppSettings>;
  saveSettings(settings: AppSettings): Promise<AppSettings>;
  rotationReminders(): Promise<RotationReminder[]>;
  /** An AWS console sign-in URL for the session of `profile` (federation endpoint). */
  consoleUrl(profile: string): Promise<string>;
  /** Subscribes to a backend event; returns the unsubscribe function. */
  on<E extends AppBackendEventName>(event: E, listener: (data: AppBackendEvents[E]) => void): () => void;
}

/** What main.ts gets from the core's composition (src-main/app/core-backend.ts, written by the lead). */
export interface CoreBackend {
  backend: AppBackend;
  /** Stops the embedded agent and releases devices. */
  close(): Promise<void>;
}
