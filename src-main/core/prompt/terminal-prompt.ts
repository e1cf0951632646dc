// SPDX-License-Identifier: MIT
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { TouchPrompter } from './touch-prompter';
import { touchMessage } from './touch-message';

/**
 * A prompt on the controlling terminal, or undefined when the process has none (opening
 * /dev/tty fails with ENXIO under launchd/systemd, in the agent, and in CI).
 */
export async function openTerminalPrompt(ttyPath: string): Promise<TouchPrompter | undefined> {
  let tty: Awaited<ReturnType<typeof open>>;
  try {
    // O_NOCTTY: never make this terminal ours if we did not already have it. O_APPEND: harmless
    // on a terminal, and keeps a redirected ttyPath (a file) readable.
    tty = await open(ttyPath, constants.O_WRONLY | constants.O_NOCTTY | constants.O_APPEND);
  } catch {
    return undefined;
  }
  let closed = false;
  const write = async (text: string, close: boolean): Promise<void> => {
    if (closed) return;
    try {
      await tty.write(text);
    } catch {
      // The terminal went away (hang-up): nothing left to tell the user there.
    } finally {
      if (close) {
        closed = true;
        await tty.close().catch(() => undefined);
      }
    }
  };
  return {
    waiting: (info) => write(`touchrole: ${touchMessage(info)}... `, false),
    done: () => write('ok\n', true),
    timedOut: () => write('timed out\n', true),
  };
}
