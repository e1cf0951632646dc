// SPDX-License-Identifier: MIT
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';

/** Linux gives up on a path after 40 symlinks (ELOOP); so do we. */
const MAX_LINKS = 40;

/**
 * The file a write to `path` must replace: symlinks followed (dotfile managers link
 * ~/.aws/credentials into a repo, and the link must stay a link), the directory resolved, so
 * two paths to one file give one answer. A dangling link gives the file it points to, which
 * the write then creates through the link. Anything but a regular file (a FIFO, a device such
 * as /dev/null, a socket, a directory) is refused: replacing it would destroy what the user put
 * there, and reading it as an empty file would lose their settings.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let links = 0; links <= MAX_LINKS; links++) {
    const info = await lstat(current).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw e;
    });
    if (info === undefined) return join(await realpath(dirname(current)).catch(() => dirname(current)), basename(current));
    if (info.isSymbolicLink()) {
      current = resolve(dirname(current), await readlink(current));
      continue;
    }
    if (!info.isFile()) throw notRegularFile(path, current, info);
    return realpath(current);
  }
  throw new TouchroleError('file-write-failed', `${path} is a chain of more than ${MAX_LINKS} symbolic links (or a loop)`, {
    hint: 'Point it at a regular file, or remove the link so touchrole can create the file.',
  });
}

function notRegularFile(path: string, target: string, info: Stats): TouchroleError {
  const where = target === resolve(path) ? path : `${path} (a link to ${target})`;
  return new TouchroleError('file-write-failed', `Refusing to replace ${where}: it is ${describe(info)}, not a regular file`, {
    hint: 'touchrole only writes regular files. Move it away (or point the link at a regular file), then try again.',
  });
}

function describe(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}
