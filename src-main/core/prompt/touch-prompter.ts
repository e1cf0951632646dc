// SPDX-License-Identifier: MIT
import { openTerminalPrompt } from './terminal-prompt';
import { desktopPrompt } from './desktop-prompt';

/** What the user is asked to touch for, shown in the prompt. None of it is secret. */
export interface TouchInfo {
  /** The YubiKey, e.g. "YubiKey 5 (serial 1234567)", when there are several. */
  device?: string;
  /** The OATH credential, e.g. "arn:aws:iam::123456789012:mfa/alice". */
  credential: string;
  /** Why, e.g. "elevate to prod-admin". */
  purpose: string;
  /** The profile being elevated, as data for the tray and the window (never parsed from `purpose`). */
  profile?: string;
}

/**
 * Tells the user a YubiKey touch is needed, and when the wait is over. The methods never
 * reject and never block the operation for long: callers may `void` them rather than await.
 */
export interface TouchPrompter {
  waiting(info: TouchInfo): Promise<void>;
  /** The touch arrived (or the wait ended for another reason). */
  done(): Promise<void>;
  timedOut(): Promise<void>;
}

export interface TouchPrompterOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The tray app or agent taking over: when given, it shows every prompt instead. */
  delegate?: TouchPrompter;
  /** The controlling terminal (default /dev/tty; none on Windows). */
  ttyPath?: string;
  /** Upper bound for a notification helper process (default 5 s). */
  notifyTimeoutMs?: number;
}

/**
 * The prompt must reach the user even when stderr is captured (the AWS CLI swallows
 * credential_process's stderr), so it goes to the controlling terminal when there is one,
 * else to a desktop notification (notify-send on Linux, osascript on macOS).
 */
export function createTouchPrompter(options: TouchPrompterOptions): TouchPrompter {
  const ttyPath = options.ttyPath ?? (options.platform === 'win32' ? undefined : '/dev/tty');
  let current: TouchPrompter | undefined;
  // One prompt at a time, in call order: done() must follow the waiting() it ends.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>): Promise<void> => {
    queue = queue.then(step).catch(() => undefined);
    return queue;
  };
  const finish = (how: 'done' | 'timedOut') =>
    enqueue(async () => {
      const channel = current;
      current = undefined;
      await channel?.[how]();
    });

  return {
    waiting: (info) =>
      enqueue(async () => {
        if (current) await current.done();
        current =
          options.delegate ??
          (ttyPath === undefined ? undefined : await openTerminalPrompt(ttyPath)) ??
          desktopPrompt({ env: options.env, platform: options.platform, timeoutMs: options.notifyTimeoutMs ?? 5_000 });
        await current.waiting(info);
      }),
    done: () => finish('done'),
    timedOut: () => finish('timedOut'),
  };
}
