// SPDX-License-Identifier: MIT
// On the credential_process hot path (the client reads the key): node built-ins only. The agent writes it (agent-key-writer.ts).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, win32 } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';
import { isNamedPipe } from './socket-path';

export const AGENT_KEY_BYTES = 32;

/**
 * Where the agent running on `socketPath` keeps its key. Beside a unix socket, in the socket's
 * own directory: the owner-only directory both sides already check (socket-path.ts), and one key
 * per socket, so agents on different sockets never share one. A named pipe has no directory:
 * %LOCALAPPDATA%\touchrole\<pipe name>.key, which Windows lets only the user (and
 * administrators) read by default.
 */
export function agentKeyPath(socketPath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (isNamedPipe(socketPath)) {
    const local = env['LOCALAPPDATA'] || win32.join(env['USERPROFILE'] || homedir(), 'AppData', 'Local');
    return win32.join(local, 'touchrole', `${win32.basename(socketPath)}.key`);
  }
  return join(dirname(socketPath), `${basename(socketPath).replace(/\.sock$/, '')}.key`);
}

/**
 * The running agent's key. Throws `agent-unauthenticated` when it cannot be read (no agent wrote
 * one, or it is another user's): whatever listens on the socket then cannot be trusted.
 */
export async function readAgentKey(keyPath: string): Promise<Buffer> {
  const key = await readFile(keyPath).catch((e: NodeJS.ErrnoException) => {
    throw new TouchroleError('agent-unauthenticated', `Cannot read the touchrole agent's key ${keyPath} (${e.code ?? 'error'})`, {
      hint: 'Restart the touchrole agent (the tray app or `touchrole agent`) as your own user; an agent of another touchrole version cannot be used.',
    });
  });
  if (key.length !== AGENT_KEY_BYTES) {
    throw new TouchroleError('agent-unauthenticated', `The touchrole agent's key ${keyPath} is damaged`, { hint: 'Restart the touchrole agent.' });
  }
  return key;
}
