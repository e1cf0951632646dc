// SPDX-License-Identifier: MIT
import type { Timers } from '../core/agent';
import type { AppPort } from './electron-port';

export interface QuitGuardOptions {
  app: Pick<AppPort, 'on' | 'quit'>;
  /** Closes the core: the agent socket removed, pending credentials-file writes finished. */
  close: () => Promise<void>;
  timers: Timers;
  /** Quit anyway after this long (default 10 s): a stuck close must not make the app unquittable. */
  timeoutMs?: number;
  onError: (e: unknown) => void;
}

/**
 * Holds the first `before-quit` until the core has closed, then quits for real. Without this the
 * process can exit with a half-written credentials file or a stale socket that makes the next
 * `touchrole agent` think one is still running.
 */
export function closeBeforeQuit(o: QuitGuardOptions): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  o.app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => {
      timer = o.timers.setTimeout(() => {
        o.onError(new Error(`closing the core took longer than ${o.timeoutMs ?? 10_000} ms; quitting anyway`));
        resolve();
      }, o.timeoutMs ?? 10_000);
    });
    Promise.race([o.close().catch(o.onError), timeout])
      .finally(() => {
        o.timers.clearTimeout(timer);
        state = 'closed';
        o.app.quit();
      })
      .catch(o.onError);
  });
}
