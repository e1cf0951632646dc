// SPDX-License-Identifier: MIT
import { TouchroleError, type WireError } from '../../src-shared/errors';
import type { WindowView } from '../../src-shared/ipc-contract';
import type { AppSettings, RoleProfileView, RotationReminder, SessionView, YubikeyStatusView } from '../../src-shared/models';
import { DEFAULTS } from '../../src-shared/rules';
import type { Clock } from '../../src-shared/time/clock';
import { buildTrayModel, DEFAULT_DURATION_CHOICES, type TrayAction, type TrayModel } from '../../src-shared/tray-model';
import type { AppBackend, Timers } from '../core/agent';
import type { LogSource } from './app-log';
import type { ElectronPort } from './electron-port';
import { isAllowedExternalUrl } from './external-url';
import { backendHandlers, registerIpc, type IpcHandlers } from './ipc';
import { Notifier } from './notifications';
import { Ticker } from './ticker';
import { createPlatformTray, TrayView } from './tray';
import { MainWindow } from './window';

export interface TrayAppOptions {
  electron: ElectronPort;
  backend: AppBackend;
  clock: Clock;
  timers: Timers;
  preloadPath: string;
  indexHtmlPath: string;
  /** The folder holding tray/ (the icons scripts/render-tray-icons.mjs renders). */
  assetsDir: string;
  durationChoices?: readonly number[];
  /** Every unexpected error (the app log, app-log.ts). */
  reportError?: (source: LogSource, what: string, e: unknown) => void;
  /** Applies "start at login" (login-item.ts); called at start and when the setting changes. */
  applyLoginItem?: (openAtLogin: boolean) => void;
  /** Puts the bundled CLI on PATH (cli-install.ts); offered in the menu when given. */
  installCli?: () => Promise<string>;
}

/**
 * The running tray app: keeps the state the tray shows, renders it, and turns menu clicks,
 * backend events and timer ticks into backend calls, tray updates and notifications.
 */
export class TrayApp {
  private sessions: SessionView[] = [];
  private yubikey: YubikeyStatusView = { state: 'none', keys: [], mfaCredentials: [] };
  private touchPending = false;
  private profiles: RoleProfileView[] = [];
  private reminders: RotationReminder[] = [];
  private settings: AppSettings = {
    warnMinutes: [...DEFAULTS.warnMinutes],
    defaultDurationSeconds: DEFAULTS.defaultDurationSeconds,
    startAtLogin: DEFAULTS.startAtLogin,
    profileSuffix: DEFAULTS.profileSuffix,
  };
  private readonly cleanups: (() => void)[] = [];
  private readonly window: MainWindow;
  private readonly notifier: Notifier;
  private readonly ticker: Ticker;
  private trayView: TrayView | undefined;
  private loginItemApplied = false;

  constructor(private readonly options: TrayAppOptions) {
    this.window = new MainWindow({
      electron: options.electron,
      preloadPath: options.preloadPath,
      indexHtmlPath: options.indexHtmlPath,
      onVisibilityChange: () => this.ticker.runNow(),
      onError: (what, e) => this.report('tray', what, e),
    });
    this.notifier = new Notifier({
      electron: options.electron,
      onRenew: (profile) => this.perform({ kind: 'renew', profile }),
      onOpen: () => this.showWindow('sessions'),
    });
    this.ticker = new Ticker(options.clock, options.timers, (now) => this.tick(now));
  }

  async start(): Promise<void> {
    const { backend, electron } = this.options;
    this.cleanups.push(
      backend.on('sessionsChanged', (sessions) => {
        this.sessions = sessions;
        this.window.send('sessionsChanged', sessions);
        this.ticker.runNow();
      }),
      backend.on('yubikeyChanged', (status) => {
        this.yubikey = status;
        this.window.send('yubikeyChanged', status);
        this.ticker.runNow();
      }),
      backend.on('touchPrompt', (prompt) => {
        this.touchPending = prompt.state === 'needed';
        this.window.send('touchPrompt', prompt);
        // The window shows its own overlay; otherwise the notification is what the user sees.
        this.notifier.touchPrompt(this.touchPending && !this.window.isShowing(), prompt.profile);
        this.ticker.runNow();
      }),
      registerIpc(
        electron.ipc,
        this.handlers(),
        (event) => this.window.isOwnSender(event),
        (method, e) => this.report('ipc', method, e),
      ),
    );
    electron.powerMonitor.on('resume', () => {
      this.refresh().catch((e: unknown) => this.report('tray', 'refreshing after resume', e));
    });
    this.trayView = new TrayView(createPlatformTray(electron, this.options.assetsDir), (action) => this.perform(action));
    await this.refresh();
    this.ticker.start();
  }

  /** The tray's current model; undefined until the tray exists. */
  get trayModel(): TrayModel | undefined {
    return this.trayView?.model;
  }

  showWindow(view: WindowView): void {
    this.window.show(view);
  }

  /** A second instance was started: show the window instead. */
  focus(): void {
    if (!this.window.focus()) this.window.show('sessions');
  }

  quit(): void {
    this.ticker.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.options.electron.app.quit();
  }

  perform(action: TrayAction): void {
    const { backend, electron } = this.options;
    switch (action.kind) {
      case 'renew':
        return this.attempt(`Renewing ${action.profile}`, () => backend.renew(action.profile));
      case 'end':
        return this.attempt(`Ending ${action.profile}`, () => backend.end(action.profile));
      case 'logout':
        return this.attempt('Logging out', () => backend.logout());
      case 'elevate':
        return this.attempt(`Elevating ${action.profile}`, () => backend.elevate({ profile: action.profile, durationSeconds: action.durationSeconds }));
      case 'open-console':
        return this.attempt(`Opening the console for ${action.profile}`, async () => {
          const url = await backend.consoleUrl(action.profile);
          if (!isAllowedExternalUrl(url)) throw new TouchroleError('internal', 'the console sign-in URL is not an AWS console address');
          await electron.shell.openExternal(url);
        });
      case 'open-window':
        return this.showWindow(action.view);
      case 'install-cli':
        // A dialog, not a notification: the user just asked, and a refusal carries a command to copy.
        return this.attempt('Installing the command-line tool', async () => {
          const shown = await this.options.installCli?.().then(
            (detail) => ({ type: 'info' as const, message: 'Command-line tool installed', detail }),
            (e: unknown) => {
              if (!(e instanceof TouchroleError)) throw e;
              return { type: 'warning' as const, message: e.message, detail: e.hint ?? '' };
            },
          );
          if (shown !== undefined) await electron.dialog.showMessageBox({ ...shown, title: 'touchrole' });
        });
      case 'quit':
        return this.quit();
    }
  }

  /** Re-reads everything from the backend and recomputes from the wall clock (start, resume). */
  async refresh(): Promise<void> {
    const { backend } = this.options;
    const settled = await Promise.allSettled([
      backend.sessions(),
      backend.yubikeyStatus(),
      backend.roleProfiles(),
      backend.rotationReminders(),
      backend.settings(),
    ]);
    const [sessions, yubikey, profiles, reminders, settings] = settled;
    if (sessions.status === 'fulfilled') this.sessions = sessions.value;
    if (yubikey.status === 'fulfilled') this.yubikey = yubikey.value;
    if (profiles.status === 'fulfilled') this.profiles = profiles.value;
    if (reminders.status === 'fulfilled') this.reminders = reminders.value;
    if (settings.status === 'fulfilled') {
      this.settings = settings.value;
      // The OS's login item may have been changed or lost (reinstall, another machine's settings.ini).
      if (!this.loginItemApplied) this.applyLoginItem(settings.value.startAtLogin);
    }
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) this.notifier.error('Reading touchrole state', toWire(failed.reason));
    this.ticker.runNow();
  }

  private handlers(): IpcHandlers {
    return {
      ...backendHandlers(this.options.backend),
      settingsSet: async (request) => {
        const saved = await this.options.backend.saveSettings(request);
        this.settings = saved;
        this.applyLoginItem(saved.startAtLogin);
        this.ticker.runNow();
        return saved;
      },
    };
  }

  private tick(now: number): number {
    const countdownShown = this.window.isShowing() && this.sessions.length > 0;
    const thresholdsMs = this.settings.warnMinutes.map((m) => m * 60_000);
    const nextTickAt = this.notifier.update(this.sessions, now, thresholdsMs, countdownShown);
    this.trayView?.render(
      buildTrayModel({
        sessions: this.sessions,
        yubikey: this.yubikey.state,
        touchPending: this.touchPending,
        roleProfiles: this.profiles,
        reminders: this.reminders,
        durationChoices: this.options.durationChoices ?? DEFAULT_DURATION_CHOICES,
        defaultDurationSeconds: this.settings.defaultDurationSeconds,
        now,
        offerCliInstall: this.options.installCli !== undefined,
      }),
    );
    return nextTickAt;
  }

  private applyLoginItem(openAtLogin: boolean): void {
    try {
      this.options.applyLoginItem?.(openAtLogin);
      this.loginItemApplied = true;
    } catch (e) {
      this.report('tray', 'applying "start at login"', e);
    }
  }

  private report(source: LogSource, what: string, e: unknown): void {
    this.options.reportError?.(source, what, e);
  }

  private attempt(what: string, run: () => Promise<unknown>): void {
    run().then(
      () => this.ticker.runNow(),
      (e: unknown) => {
        if (!(e instanceof TouchroleError)) this.report('tray', what, e);
        this.notifier.error(what, toWire(e));
      },
    );
  }
}

function toWire(e: unknown): WireError {
  return e instanceof TouchroleError ? e.toWire() : { code: 'internal', message: 'touchrole failed unexpectedly' };
}
