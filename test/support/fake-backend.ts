// SPDX-License-Identifier: MIT
/**
 * The one in-memory backend, for the agent (AgentBackend) and for the tray and the window
 * (AppBackend): sessions that expire on an injected clock, a YubiKey that may be locked and waits
 * for a touch, settings, reminders, and failures injected per method or by profile name. Events
 * fire as the real backends fire them; every call is recorded.
 */
import type { AgentBackend, AppBackend, AppBackendEventName, AppBackendEvents, FingerprintedCredentials } from '../../src-main/core/agent';
import type { AgentCaller } from '../../src-shared/agent-protocol';
import { TouchroleError } from '../../src-shared/errors';
import type * as M from '../../src-shared/models';
import { DEFAULTS } from '../../src-shared/rules';
import type { Clock } from '../../src-shared/time/clock';
import { failFor, LOGGED, profileOf, view, type Method } from './fake-session-views';
import { FakeSourceKeyStore } from './fake-source-key-store';
import { FakeSourceKeys } from './fake-source-keys';
import { FakeTools } from './fake-tools';
import { FakeYubikey } from './fake-yubikey';

export interface FakeBackendOptions {
  clock: Clock;
  profiles?: M.RoleProfileView[];
  reminders?: M.RotationReminder[];
  locked?: boolean;
  /** 'auto': the touch arrives at once; 'manual': elevate waits for touch() or timeoutTouch(). */
  touch?: 'auto' | 'manual';
  /** Runs when the app closes the backend. */
  onClose?: () => Promise<void>;
}

type StoredSession = M.SessionView & { durationSeconds?: number };

export class FakeBackend implements AgentBackend, AppBackend {
  readonly calls: { method: Method; args: unknown[] }[] = [];
  readonly stored = new Map<string, StoredSession>();
  settingsValue: M.AppSettings = {
    warnMinutes: [...DEFAULTS.warnMinutes],
    defaultDurationSeconds: DEFAULTS.defaultDurationSeconds,
    startAtLogin: DEFAULTS.startAtLogin,
    profileSuffix: DEFAULTS.profileSuffix,
  };
  profilesValue: M.RoleProfileView[];
  remindersValue: M.RotationReminder[];
  consoleUrlValue = 'https://signin.aws.amazon.com/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F';
  readonly key: FakeYubikey; // the YubiKey every elevation and credential fetch touches
  readonly ages: FakeSourceKeys; // source profiles' access keys and MFA devices, behind the five methods below
  readonly keyAges = () => this.ages.keyAges();
  readonly rotateKey = (profile: string) => this.ages.rotateKey(profile);
  readonly finishRotation = (profile: string) => this.ages.finishRotation(profile);
  readonly registerMfaDevice = (profile: string) => this.ages.registerMfaDevice(profile);
  readonly unregisterMfaDevice = (profile: string) => this.ages.unregisterMfaDevice(profile);
  readonly keychain: FakeSourceKeyStore; // the keychain's keys (keys list|add|import|remove), behind the four methods below
  readonly sourceKeys = () => this.keychain.sourceKeys();
  readonly addSourceKey = (request: M.AddSourceKeyRequest) => this.keychain.addSourceKey(request);
  readonly importSourceKey = (request: { profile: string; replace: boolean }) => this.keychain.importSourceKey(request);
  readonly removeSourceKey = (profile: string) => this.keychain.removeSourceKey(profile);
  readonly tools = new FakeTools(this, () => this.options.clock.now()); // codes, whoami, clean and decode (fake-tools.ts)
  readonly yubikeyCode = (r: M.YubikeyCodeRequest) => this.tools.yubikeyCode(r);
  readonly whoami = (profile: string) => this.tools.whoami(profile);
  readonly clean = () => this.tools.clean();
  readonly decodeMessage = (r: M.DecodeRequest) => this.tools.decodeMessage(r);
  expireFails = false;
  /** What the agent's environment resolves to (see AgentBackend.identity); tests change it to stand for edits. */
  own: AgentCaller = { scope: '5'.repeat(64), fingerprint: 'f'.repeat(64), configFile: '/agent/.aws/config', credentialsFile: '/agent/.aws/credentials' };
  private readonly failures = new Map<Method, TouchroleError>();
  private readonly listeners = new Map<AppBackendEventName | 'touch', Set<(data: never) => void>>();

  constructor(private readonly options: FakeBackendOptions) {
    this.profilesValue = options.profiles ?? [
      { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/Admin', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' },
      { name: 'prod-readonly', roleArn: 'arn:aws:iam::210987654321:role/ReadOnly', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', durationSeconds: 7200 },
    ];
    this.remindersValue = options.reminders ?? [];
    this.key = new FakeYubikey(options.locked ?? false, options.touch ?? 'auto');
    this.ages = new FakeSourceKeys({
      clock: options.clock,
      enter: (method, args) => this.enter(method, args),
      awaitTouch: () => this.awaitTouch(),
      yubikeyChanged: () => this.emit('yubikeyChanged', this.key.status()),
    });
    this.keychain = new FakeSourceKeyStore({ clock: options.clock, enter: (method, args) => this.enter(method, args), ages: this.ages });
  }

  /** The recorded calls that change something, as "elevate admin", "logout". */
  get log(): string[] {
    return this.calls.filter((c) => LOGGED.has(c.method)).map((c) => [c.method, ...c.args.map(profileOf)].join(' '));
  }

  /** The next call of `method` throws `error`. */
  failNext(method: Method, error: TouchroleError): void {
    this.failures.set(method, error);
  }

  /** Puts a session in place without a touch (e.g. one written by `touchrole elevate`). */
  addSession(profile: string, expiresAt: number, durationSeconds = 3600): M.SessionView {
    const roleArn = this.profilesValue.find((p) => p.name === profile)?.roleArn ?? `arn:aws:iam::123456789012:role/${profile}`;
    const writtenProfile = `${profile}${this.settingsValue.profileSuffix}`;
    this.stored.set(profile, { profile, expiration: new Date(expiresAt).toISOString(), roleArn, writtenProfile, durationSeconds });
    this.emit('sessionsChanged', this.sessionList());
    return view(this.stored.get(profile) ?? { profile, expiration: '' });
  }

  /** What the agent does at expiry: drop the session and tell subscribers. */
  removeExpired(): void {
    const now = this.options.clock.now();
    for (const [profile, s] of this.stored) if (Date.parse(s.expiration) <= now) this.stored.delete(profile);
    this.emit('sessionsChanged', this.sessionList());
  }

  async sessions(): Promise<M.SessionView[]> {
    this.enter('sessions', []);
    return this.sessionList();
  }

  async elevate(request: M.ElevateRequest): Promise<M.SessionView> {
    this.enter('elevate', [request]);
    failFor(request.profile);
    this.key.checkUnlocked();
    await this.awaitTouch(request.profile);
    const durationSeconds = request.durationSeconds ?? this.settingsValue.defaultDurationSeconds;
    return this.addSession(request.profile, this.options.clock.now() + durationSeconds * 1000, durationSeconds);
  }

  /** Elevates again with the session's duration; there must be a session. */
  async renew(profile: string): Promise<M.SessionView> {
    this.enter('renew', [profile]);
    const current = this.stored.get(profile);
    if (current === undefined) throw new TouchroleError('profile-not-found', `No session for ${profile}`);
    return this.elevate({ profile, durationSeconds: current.durationSeconds ?? this.settingsValue.defaultDurationSeconds });
  }

  async end(profile: string): Promise<void> {
    this.enter('end', [profile]);
    this.stored.delete(profile);
    this.emit('sessionsChanged', this.sessionList());
  }

  async logout(): Promise<string[]> {
    this.enter('logout', []);
    const ended = [...this.stored.keys()];
    this.stored.clear();
    this.emit('sessionsChanged', this.sessionList());
    return ended;
  }

  async expire(profile: string): Promise<void> {
    this.enter('expire', [profile]);
    if (this.expireFails) throw new TouchroleError('file-locked', 'Another touchrole process holds the credentials file');
    this.stored.delete(profile);
  }

  async credentialProcess(profile: string): Promise<FingerprintedCredentials> {
    this.enter('credentialProcess', [profile]);
    failFor(profile);
    const fingerprint = this.own.fingerprint ?? '0'.repeat(64);
    await this.awaitTouch(profile);
    const output = {
      Version: 1 as const,
      AccessKeyId: `ASIA${profile.toUpperCase()}`,
      SecretAccessKey: 'fake-secret',
      SessionToken: 'fake-token',
      Expiration: new Date(this.options.clock.now() + 3600_000).toISOString(),
    };
    return { output, fingerprint };
  }

  // Not recorded in `log`: the agent asks it on every credentialProcess request.
  async identity(): Promise<AgentCaller> {
    return this.own;
  }

  async status(): Promise<{ yubikey: M.YubikeyState }> {
    return { yubikey: this.key.state() };
  }

  onTouch(listener: (event: M.TouchEvent) => void): () => void {
    return this.listen('touch', listener);
  }

  // Views: the call is recorded (a failure set for it thrown), then the current value answered.
  roleProfiles = async (): Promise<M.RoleProfileView[]> => (this.enter('roleProfiles', []), this.profilesValue);
  yubikeyStatus = async (): Promise<M.YubikeyStatusView> => (this.enter('yubikeyStatus', []), this.key.status());
  settings = async (): Promise<M.AppSettings> => (this.enter('settings', []), this.settingsValue);
  rotationReminders = async (): Promise<M.RotationReminder[]> => (this.enter('rotationReminders', []), this.remindersValue);
  consoleUrl = async (profile: string): Promise<string> => (this.enter('consoleUrl', [profile]), this.consoleUrlValue);

  async unlock(request: M.UnlockRequest): Promise<M.YubikeyStatusView> {
    this.enter('unlock', [request.deviceId]); // never record the password
    this.key.unlock(request.password);
    this.emit('yubikeyChanged', this.key.status());
    return this.key.status();
  }

  async saveSettings(settings: M.AppSettings): Promise<M.AppSettings> {
    this.enter('saveSettings', [settings]);
    this.settingsValue = { ...settings, warnMinutes: [...settings.warnMinutes].sort((a, b) => b - a) };
    return this.settingsValue;
  }

  on<E extends AppBackendEventName>(event: E, listener: (data: AppBackendEvents[E]) => void): () => void {
    return this.listen(event, listener);
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

  private listen<T>(event: AppBackendEventName | 'touch', listener: (data: T) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => void set.delete(listener);
  }

  /** The touch prompt around every use of the key, to the agent's listeners and the window's alike (the profile when elevating). */
  awaitTouch(profile?: string): Promise<void> {
    return this.key.awaitTouch((state) => {
      const event: M.TouchEvent = profile === undefined ? { state } : { state, profile };
      for (const l of this.listeners.get('touch') ?? []) (l as (e: M.TouchEvent) => void)(event);
      this.emit('touchPrompt', event);
    });
  }

  enter(method: Method, args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure === undefined) return;
    this.failures.delete(method);
    throw failure;
  }

  private sessionList(): M.SessionView[] {
    return [...this.stored.values()].map(view);
  }
}
