// SPDX-License-Identifier: MIT
import type { WireError } from '../../src-shared/errors';
import type { SessionView } from '../../src-shared/ipc-contract';
import { computeTimeline } from '../../src-shared/session-timeline';
import { formatTimeLeft } from '../../src-shared/time/format';
import type { ElectronPort, NotificationPort } from './electron-port';

export interface NotifierOptions {
  electron: Pick<ElectronPort, 'createNotification'>;
  /** The Renew button of an expiry warning. */
  onRenew: (profile: string) => void;
  /** A click on any notification body. */
  onOpen: () => void;
}

/**
 * Desktop notifications: expiry warnings at the configured thresholds (each once per session and
 * threshold; after sleep only the most urgent), "session expired" once per session, the touch
 * prompt while no window shows it, and failed tray actions.
 */
export class Notifier {
  private warned: ReadonlySet<string> = new Set();
  private expiredShown = new Set<string>();
  private touch: NotificationPort | undefined;

  constructor(private readonly options: NotifierOptions) {}

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
    for (const w of timeline.warnings) {
      const n = this.show(`${w.profile} expires in ${formatTimeLeft(w.msLeft)}`, 'Renew now to keep working without interruption.', ['Renew']);
      n.on('action', (_event, index) => {
        if (index === 0) this.options.onRenew(w.profile);
      });
    }
    const expiredNow = new Set(timeline.expired.map((s) => `${s.profile}\n${s.expiresAt}`));
    for (const s of timeline.expired) {
      if (this.expiredShown.has(`${s.profile}\n${s.expiresAt}`)) continue;
      this.show(`${s.profile} session expired`, 'touchrole removed its profile from ~/.aws/credentials. Elevate again to continue.');
    }
    this.expiredShown = expiredNow;
    return timeline.nextTickAt;
  }

  /** Shows "Touch your YubiKey" while a touch is awaited; closes it when it is not. */
  touchPrompt(pending: boolean, profile: string | undefined): void {
    if (pending && this.touch === undefined) {
      this.touch = this.show('Touch your YubiKey', profile === undefined ? 'touchrole is waiting for a touch.' : `To elevate ${profile}.`);
    } else if (!pending && this.touch !== undefined) {
      this.touch.close();
      this.touch = undefined;
    }
  }

  error(what: string, error: WireError): void {
    this.show(`${what} failed`, error.hint === undefined ? error.message : `${error.message}\n${error.hint}`);
  }

  private show(title: string, body: string, buttons: string[] = []): NotificationPort {
    const n = this.options.electron.createNotification(
      buttons.length === 0 ? { title, body } : { title, body, actions: buttons.map((text) => ({ type: 'button' as const, text })) },
    );
    n.on('click', () => this.options.onOpen());
    n.show();
    return n;
  }
}
