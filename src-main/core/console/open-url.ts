// SPDX-License-Identifier: MIT
// Hands a URL to the desktop's browser, as `xdg-open`, `open` or `start` would.
import { TouchroleError } from '../../../src-shared/errors';

export function openerFor(platform: NodeJS.Platform): { cmd: string; args: (url: string) => string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: (url) => [url] };
  // `start` is a cmd.exe builtin; its first quoted argument is the window title.
  if (platform === 'win32') return { cmd: 'cmd', args: (url) => ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { cmd: 'xdg-open', args: (url) => [url] };
}

export async function openUrl(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const { cmd, args } = openerFor(platform);
  // Loaded when a URL is opened, not with the services that import this module (an elevation starts no child).
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args(url), { stdio: 'ignore', detached: true });
    child.once('error', (e) =>
      reject(
        new TouchroleError('command-not-found', `Could not start ${cmd} to open the browser`, { hint: 'Use --print and open the URL yourself.', cause: e }),
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
