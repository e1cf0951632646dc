// SPDX-License-Identifier: MIT
/**
 * An in-memory AppBackend for the tray and window tests: sessions that expire on an injected
 * clock, a YubiKey that may be locked and waits for a touch, settings, reminders, and failures
 * injected per method. Events fire as the real backend fires them.
 */
import type { AppBackend, AppBackendEventName, AppBackendEvents } from '../../src-main/core/agent';
import { TouchroleError } from '../../src-shared/errors';
import type { AppSettings, ElevateRequest, RoleProfileView, RotationReminder, SessionView, UnlockRequest, YubikeyStatusView } from '../../src-shared/models';
import type { Clock } from '../../src-shared/time/clock';

export const FAKE_PASSWORD = 'correct horse';

export interface FakeAppBackendOptions {
  clock: Clock;
  profiles?: RoleProfileView[];
  reminders?: RotationReminder[];
  locked?: boolean;
  /** 'auto': the touch arrives at once; 'manual': elevate waits for touch() or timeoutTouch(). */
  touch?: 'auto' | 'manual';
  /** Runs when the app closes the backend. */
  onClose?: () => Promise<void>;
}

type Method =
  | 'elevate'
  | 'renew'
  | 'end'
  | 'logout'
  | 'sessions'
  | 'roleProfiles'
  | 'yubikeyStatus'
  | 'unlock'
  | 'settings'
  | 'saveSettings'
  | 'rotationReminders'
  | 'consoleUrl';

export class FakeAppBackend implements AppBackend {
  readonly calls: { method: Method; args: unknown[] }[] = [];
  settingsValue: AppSettings = { warnMinutes: [10, 2], defaultDurationSeconds: 3600, startAtLogin: false, profileSuffix: '-touchrole' };
  profilesValue: RoleProfileView[];
  remindersValue: RotationReminder[];
  consoleUrlValue = 'https://signin.aws.amazon.com/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F';
  touchMode: 'auto' | 'manual';
  private locked: boolean;
  private readonly sessionMap = new Map<string, SessionView & { durationSeconds: number }>();
  private readonly failures = new Map<Method, TouchroleError>();
  private readonly listeners = new Map<AppBackendEventName, Set<(data: never) => void>>();
  private pendingTouch: { resolve: () => void; reject: (e: TouchroleError) => void } | undefined;

  constructor(private readonly options: FakeAppBackendOptions) {
    this.profilesValue = options.profiles ?? [
      { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/Admin', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' },
      { name: 'prod-readonly', roleArn: 'arn:aws:iam::210987654321:role/ReadOnly', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', durationSeconds: 7200 },
    ];
    this.remindersValue = options.reminders ?? [];
    this.locked = options.locked ?? false;
    this.touchMode = options.touch ?? 'auto';
  }

  /** The next call of `method` throws `error`. */
  failNext(method: Method, error: TouchroleError): void {
    this.failures.set(method, error);
  }

  /** The user touches the key. */
  touch(): void {
    this.pendingTouch?.resolve();
  }

  /** The key gives up waiting. */
  timeoutTouch(): void {
    this.pendingTouch?.reject(
      new TouchroleError('touch-timeout', 'the YubiKey was not touched in time', { hint: 'Touch the key when it blinks, then try again.' }),
    );
  }

  get touchPending(): boolean {
    return this.pendingTouch !== undefined;
  }

  /** Puts a session in place without a touch (e.g. one written by `touchrole elevate`). */
  addSession(profile: string, expiresAt: number, durationSeconds = 3600): SessionView {
    const session = {
      profile,
      expiration: new Date(expiresAt).toISOString(),
      roleArn: this.roleArnOf(profile),
      writtenProfile: `${profile}${this.settingsValue.profileSuffix}`,
      durationSeconds,
    };
    this.sessionMap.set(profile, session);
    this.emit('sessionsChanged', this.sessionList());
    return view(session);
  }

  /** What the agent does at expiry: drop the session and tell subscribers. */
  removeExpired(): void {
    const now = this.options.clock.now();
    for (const [profile, s] of this.sessionMap) if (Date.parse(s.expiration) <= now) this.sessionMap.delete(profile);
    this.emit('sessionsChanged', this.sessionList());
  }

  async sessions(): Promise<SessionView[]> {
    this.enter('sessions', []);
    return this.sessionList();
  }

  async elevate(request: ElevateRequest): Promise<SessionView> {
    this.enter('elevate', [request]);
    if (!this.profilesValue.some((p) => p.name === request.profile)) {
      throw new TouchroleError('profile-not-found', `profile ${request.profile} is not in ~/.aws/config`, {
        hint: 'Run touchrole profiles to see the role profiles.',
      });
    }
    if (this.locked) throw new TouchroleError('oath-locked', 'the YubiKey OATH applet is password protected', { hint: 'Unlock it in the YubiKey panel.' });
    await this.awaitTouch(request.profile);
    const durationSeconds = request.durationSeconds ?? this.settingsValue.defaultDurationSeconds;
    return this.addSession(request.profile, this.options.clock.now() + durationSeconds * 1000, durationSeconds);
  }

  async renew(profile: string): Promise<SessionView> {
    this.enter('renew', [profile]);
    const current = this.sessionMap.get(profile);
    const durationSeconds = current?.durationSeconds ?? this.settingsValue.defaultDurationSeconds;
    await this.awaitTouch(profile);
    return this.addSession(profile, this.options.clock.now() + durationSeconds * 1000, durationSeconds);
  }

  async end(profile: string): Promise<void> {
    this.enter('end', [profile]);
    this.sessionMap.delete(profile);
    this.emit('sessionsChanged', this.sessionList());
  }

  async logout(): Promise<string[]> {
    this.enter('logout', []);
    const ended = [...this.sessionMap.keys()];
    this.sessionMap.clear();
    this.emit('sessionsChanged', this.sessionList());
    return ended;
  }

  async roleProfiles(): Promise<RoleProfileView[]> {
    this.enter('roleProfiles', []);
    return this.profilesValue;
  }

  async yubikeyStatus(): Promise<YubikeyStatusView> {
    this.enter('yubikeyStatus', []);
    return this.status();
  }

  async unlock(request: UnlockRequest): Promise<YubikeyStatusView> {
    this.enter('unlock', [request.deviceId]); // never record the password
    if (request.password !== FAKE_PASSWORD)
      throw new TouchroleError('oath-wrong-password', 'wrong password for the YubiKey OATH applet', {
        hint: 'Try again; ykman oath access change can reset it.',
      });
    this.locked = false;
    this.emit('yubikeyChanged', this.status());
    return this.status();
  }

  async settings(): Promise<AppSettings> {
    this.enter('settings', []);
    return this.settingsValue;
  }

  async saveSettings(settings: AppSettings): Promise<AppSettings> {
    this.enter('saveSettings', [settings]);
    this.settingsValue = { ...settings, warnMinutes: [...settings.warnMinutes].sort((a, b) => b - a) };
    return this.settingsValue;
  }

  async rotationReminders(): Promise<RotationReminder[]> {
    this.enter('rotationReminders', []);
    return this.remindersValue;
  }

  async consoleUrl(profile: string): Promise<string> {
    this.enter('consoleUrl', [profile]);
    return this.consoleUrlValue;
  }

  on<E extends AppBackendEventName>(event: E, listener: (data: AppBackendEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (data: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (data: never) => void);
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }

  emit<E extends AppBackendEventName>(event: E, data: AppBackendEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (d: AppBackendEvents[E]) => void)(data);
  }

  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  private status(): YubikeyStatusView {
    return {
      state: this.pendingTouch !== undefined ? 'touch' : this.locked ? 'locked' : 'ready',
      keys: [{ deviceId: 'c4f1e2a9', serial: 12345678, reader: 'Virtual PCD 00 00', locked: this.locked }],
      mfaCredentials: this.locked
        ? []
        : [{ deviceId: 'c4f1e2a9', name: 'AWS:arn:aws:iam::123456789012:mfa/alice', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', touch: true }],
    };
  }

  private async awaitTouch(profile: string): Promise<void> {
    this.emit('touchPrompt', { state: 'needed', profile });
    if (this.touchMode === 'auto') {
      this.emit('touchPrompt', { state: 'done', profile });
      return;
    }
    try {
      await new Promise<void>((resolve, reject) => (this.pendingTouch = { resolve, reject }));
      this.emit('touchPrompt', { state: 'done', profile });
    } catch (e) {
      this.emit('touchPrompt', { state: 'timeout', profile });
      throw e;
    } finally {
      this.pendingTouch = undefined;
    }
  }

  private enter(method: Method, args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure === undefined) return;
    this.failures.delete(method);
    throw failure;
  }

  private roleArnOf(profile: string): string {
    return this.profilesValue.find((p) => p.name === profile)?.roleArn ?? `arn:aws:iam::123456789012:role/${profile}`;
  }

  private sessionList(): SessionView[] {
    return [...this.sessionMap.values()].map(view);
  }
}

function view(s: SessionView & { durationSeconds: number }): SessionView {
  return {
    profile: s.profile,
    expiration: s.expiration,
    ...(s.roleArn === undefined ? {} : { roleArn: s.roleArn }),
    ...(s.writtenProfile === undefined ? {} : { writtenProfile: s.writtenProfile }),
  };
}
