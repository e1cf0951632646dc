// SPDX-License-Identifier: MIT
// The agent's side of its key (agent-key.ts says where it lives and how clients read it).
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';
import { atomicWriteFile } from '../fs/atomic-write';
import { AGENT_KEY_BYTES } from './agent-key';
import { checkSocketDir, isNamedPipe } from './socket-path';

/** A fresh random key for a starting agent. */
export function newAgentKey(): Buffer {
  return randomBytes(AGENT_KEY_BYTES);
}

/**
 * Writes the agent's key 0600 to `keyPath` through a temp file created exclusively and renamed
 * into place, so a reader never sees half a key; the directory is checked first as the socket's is.
 */
export async function writeAgentKey(socketPath: string, keyPath: string, key: Buffer): Promise<void> {
  if (isNamedPipe(socketPath)) await prepareWindowsKeyDir(dirname(keyPath));
  else await checkSocketDir(socketPath);
  await atomicWriteFile(keyPath, key, { mode: 0o600 });
}

/** Removes the key at exit, unless another agent has replaced it since. */
export async function removeAgentKey(keyPath: string, key: Buffer): Promise<void> {
  const current = await readFile(keyPath).catch(() => undefined);
  if (current !== undefined && current.equals(key)) await unlink(keyPath).catch(() => undefined);
}

/** %LOCALAPPDATA%\touchrole: created if missing; must be a real directory, not a link to elsewhere. */
async function prepareWindowsKeyDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await lstat(dir);
  if (!st.isDirectory()) {
    throw new TouchroleError('agent-socket-insecure', `The agent key directory ${dir} is not a directory`, {
      hint: 'Move it away, then start the agent again.',
    });
  }
}
