// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../src-shared/errors';
import type { AppLog } from './app-log';
import { redactSecrets } from './app-log';
import type { ElectronPort } from './electron-port';

/** The text of the start-up failure box: what went wrong, what to do, where the details are. */
export function startupFailureText(e: unknown, logPath: string): string {
  const details = `Details are in ${logPath}.`;
  if (e instanceof TouchroleError) return [e.message, e.hint, details].filter((l) => l !== undefined).join('\n\n');
  const first = e instanceof Error ? `${e.name}: ${redactSecrets(e.message)}` : 'an unknown failure';
  return `touchrole failed unexpectedly (${first}).\n\n${details} Please include that file (it holds no secrets) when you report this.`;
}

/**
 * A GUI launch has no stderr: a start-up failure (a bad settings.ini, an insecure socket folder,
 * a missing keychain) goes to a dialog (showErrorBox works before `ready` too) and the log file,
 * then the app exits with status 1.
 */
export function reportStartupFailure(electron: Pick<ElectronPort, 'app' | 'dialog'>, log: AppLog, e: unknown): void {
  log.error('startup', 'touchrole could not start', e);
  electron.dialog.showErrorBox('touchrole could not start', startupFailureText(e, log.path));
  electron.app.exit(1);
}
