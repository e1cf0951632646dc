// SPDX-License-Identifier: MIT
import type { WireError } from '../../src-shared/errors';
import type { SessionView } from '../../src-shared/models';
import { printable } from '../../src-shared/printable';
import { computeTimeline } from '../../src-shared/session-timeline';
import { formatTimeLeft } from '../../src-shared/time/format';
import type { ElectronPort, NotificationPort } from './electron-port';

export interface NotifierOptions {
  electron: Pick<ElectronPort, 'createNotification' | 'notificationsSupported' | 'platform'>;
  /** The Renew button of an expiry warning (macOS), or a click on it (elsewhere). */
  onRenew: (profile: string) => void;
  /** A click on any other notification. */
  onOpen: () => void;
}

/**
 * Desktop notifications: expiry warnings at the configured thresholds (each once per session and
 * threshold; after sleep only the most urgent), "session expired" once per session, the touch
 * prompt while no window shows it, and failed tray actions.
 *
 * Every shown notification stays referenced until it closes: Electron drops the handlers of a
 * garbage-collected Notification, and a click would then do nothing. Buttons exist only on
 * macOS, so elsewhere a click on an expiry warning renews. Where the system has no notification
 * service nothing is shown; the tray's tooltip and menu carry the same information.
 */
export class Notifier {
  private warned: ReadonlySet<string> = new Set();
  private expiredShown = new Set<string>();
  private touch: NotificationPort | undefined;
  private readonly live = new Set<NotificationPort>();

  constructor(private readonly options: NotifierOptions) {}

  /** The notifications shown and not yet closed. */
  get retained(): number {
    return this.live.size;
  }

  /** Notifies what is due at `now`; returns when to look again (ms since the epoch). */
  update(sessions: readonly SessionView[], now: number, thresholdsMs: readonly number[], countdownShown: boolean): number {
    const timeline = computeTimeline({
      sessions: sessions.map((s) => ({ profile: s.profile, expiresAt: Date.parse(s.expiration) })),
      now,
      thresholdsMs,
      warned: this.warned,
      countdownShown,
    });
    this.warned = timeline.warned;
    for (const w of timeline.warnings) this.expiryWarning(w.profile, w.msLeft);
    const expiredNow = new Set(timeline.expired.map((s) => `${s.profile}\n${s.expiresAt}`));
    for (const s of timeline.expired) {
      if (this.expiredShown.has(`${s.profile}\n${s.expiresAt}`)) continue;
      this.show(`${printable(s.profile)} session expired`, 'touchrole removed its profile from ~/.aws/credentials. Elevate again to continue.', () =>
        this.options.onOpen(),
      );
    }
    this.expiredShown = expiredNow;
    return timeline.nextTickAt;
  }

  /** Shows "Touch your YubiKey" while a touch is awaited; closes it when it is not. */
  touchPrompt(pending: boolean, profile: string | undefined): void {
    if (pending && this.touch === undefined) {
      const body = profile === undefined ? 'touchrole is waiting for a touch.' : `To elevate ${printable(profile)}.`;
      this.touch = this.show('Touch your YubiKey', body, () => this.options.onOpen());
    } else if (!pending && this.touch !== undefined) {
      this.touch.close();
      this.forget(this.touch);
      this.touch = undefined;
    }
  }

  error(what: string, error: WireError): void {
    this.show(`${printable(what)} failed`, error.hint === undefined ? printable(error.message) : `${printable(error.message)}\n${printable(error.hint)}`, () =>
      this.options.onOpen(),
    );
  }

  private expiryWarning(profile: string, msLeft: number): void {
    const title = `${printable(profile)} expires in ${formatTimeLeft(msLeft)}`;
    const renew = (): void => this.options.onRenew(profile);
    if (this.options.electron.platform !== 'darwin') {
      this.show(title, 'Click to renew now and keep working without interruption.', renew);
      return;
    }
    const n = this.show(title, 'Renew now to keep working without interruption.', () => this.options.onOpen(), ['Renew']);
    n?.on('action', (_event, index) => {
      if (index === 0) renew();
    });
  }

  private show(title: string, body: string, onClick: () => void, buttons: string[] = []): NotificationPort | undefined {
    if (!this.options.electron.notificationsSupported()) return undefined;
    const n = this.options.electron.createNotification(
      buttons.length === 0 ? { title, body } : { title, body, actions: buttons.map((text) => ({ type: 'button' as const, text })) },
    );
    this.live.add(n);
    n.on('click', onClick);
    n.on('close', () => this.forget(n));
    n.on('failed', () => this.forget(n));
    n.show();
    return n;
  }

  private forget(n: NotificationPort): void {
    this.live.delete(n);
    if (this.touch === n) this.touch = undefined;
  }
}
