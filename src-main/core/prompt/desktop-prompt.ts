// SPDX-License-Identifier: MIT
import type { TouchPrompter } from './touch-prompter';
import { touchBody } from './touch-message';

export interface DesktopPromptOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** A notification helper that takes longer is killed: it must never hold up an elevation. */
  timeoutMs: number;
}

const TITLE = 'Touch your YubiKey';

/**
 * A desktop notification: notify-send on Linux (replaced when the wait ends, when the server
 * supports ids), osascript on macOS. Failures (no notification daemon, no helper installed)
 * are swallowed: the touch itself still works, the prompt is best effort.
 */
export function desktopPrompt(options: DesktopPromptOptions): TouchPrompter {
  const run = async (file: string, args: string[]): Promise<string | undefined> => {
    // Loaded when a prompt is shown: an elevation within the MFA session needs no touch (~1 ms of loading saved).
    const { execFile } = await import('node:child_process');
    return new Promise((resolve) => {
      const child = execFile(file, args, { env: options.env, timeout: options.timeoutMs, encoding: 'utf8' }, (error, stdout) =>
        resolve(error ? undefined : stdout),
      );
      child.stdin?.end();
    });
  };

  if (options.platform === 'darwin') {
    // The texts go in as osascript arguments, never spliced into the script source.
    const notify = (title: string, body: string) =>
      run('osascript', ['-e', 'on run argv', '-e', 'display notification (item 2 of argv) with title (item 1 of argv)', '-e', 'end run', title, body]);
    return {
      waiting: async (info) => void (await notify(`touchrole: ${TITLE}`, touchBody(info))),
      done: async () => undefined,
      timedOut: async () => void (await notify('touchrole', 'YubiKey touch timed out; nothing was changed.')),
    };
  }
  if (options.platform !== 'linux') return { waiting: async () => undefined, done: async () => undefined, timedOut: async () => undefined };

  let id: string | undefined;
  const notifySend = (args: string[]) => run('notify-send', ['--app-name=touchrole', ...args]);
  return {
    async waiting(info) {
      const out = await notifySend(['--urgency=critical', `--expire-time=${60_000}`, '--print-id', TITLE, touchBody(info)]);
      const printed = out?.trim();
      id = printed !== undefined && /^\d+$/.test(printed) ? printed : undefined;
    },
    async done() {
      // Replace the critical notification so it does not linger after the touch.
      if (id !== undefined) await notifySend([`--replace-id=${id}`, '--transient', '--expire-time=2000', 'YubiKey touched']);
      id = undefined;
    },
    async timedOut() {
      const replace = id === undefined ? [] : [`--replace-id=${id}`];
      await notifySend([...replace, '--expire-time=10000', 'YubiKey touch timed out', 'Nothing was changed; try again.']);
      id = undefined;
    },
  };
}
