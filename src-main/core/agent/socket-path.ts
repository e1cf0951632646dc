// SPDX-License-Identifier: MIT
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { TouchroleError } from '../../../src-shared/errors';

export interface SocketPathEnv {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/**
 * Where the agent listens: $TOUCHROLE_AGENT_SOCKET if set; else
 * $XDG_RUNTIME_DIR/touchrole/agent.sock; else <tmp>/touchrole-<uid>/agent.sock;
 * on Windows \\.\pipe\touchrole-<user>.
 */
export function agentSocketPath({ env, platform = process.platform }: SocketPathEnv): string {
  const explicit = env['TOUCHROLE_AGENT_SOCKET'];
  if (explicit !== undefined && explicit !== '') return explicit;
  if (platform === 'win32') return `\\\\.\\pipe\\touchrole-${safeName(userInfo().username)}`;
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime !== undefined && runtime !== '') return join(runtime, 'touchrole', 'agent.sock');
  return join(tmpdir(), `touchrole-${process.getuid?.() ?? safeName(userInfo().username)}`, 'agent.sock');
}

export function isNamedPipe(socketPath: string): boolean {
  return socketPath.startsWith('\\\\.\\pipe\\') || socketPath.startsWith('\\\\?\\pipe\\');
}

/** Creates the socket's directory (mode 0700) if missing, then checks it as `checkSocketDir` does. */
export async function prepareSocketDir(socketPath: string): Promise<void> {
  if (isNamedPipe(socketPath)) return;
  // Only the last level is ours to create: a missing XDG_RUNTIME_DIR is a broken session, and
  // creating it would hide that.
  await mkdir(dirname(socketPath), { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw cannotUse(dirname(socketPath), e.code ?? 'error');
  });
  await checkSocketDir(socketPath);
}

/**
 * Refuses a socket directory that another user could enter or replace: it must be a real
 * directory (not a symlink), owned by us, with no group/other permissions. Anyone who can
 * enter it could talk to the agent and take credentials; anyone who owns it could plant a fake
 * agent that hands out their own. The directories above it must not let another user rename
 * it away and put their own in its place (see checkAncestors).
 */
export async function checkSocketDir(socketPath: string, uid: number | undefined = process.getuid?.()): Promise<void> {
  if (isNamedPipe(socketPath)) return;
  const dir = dirname(socketPath);
  const st = await lstat(dir).catch((e: NodeJS.ErrnoException) => {
    throw cannotUse(dir, e.code ?? 'error');
  });
  if (!st.isDirectory()) throw insecure(dir, 'is not a directory');
  if (uid !== undefined && st.uid !== uid) throw insecure(dir, `is owned by uid ${st.uid}, not by you (uid ${uid})`);
  if ((st.mode & 0o077) !== 0) throw insecure(dir, `has mode ${(st.mode & 0o777).toString(8)}; other users could reach the agent`);
  if (uid !== undefined) await checkAncestors(dir, uid);
}

const STICKY = 0o1000;

/**
 * Each directory above the socket's, up to /, must be owned by us or root, and writable by
 * group or others only with the sticky bit (as /tmp is): otherwise its owner or writers could
 * rename our private directory away and put one of their own, with their own agent, in its place.
 */
async function checkAncestors(dir: string, uid: number): Promise<void> {
  let current = await realpath(dirname(dir)).catch((e: NodeJS.ErrnoException) => {
    throw cannotUse(dirname(dir), e.code ?? 'error');
  });
  for (;;) {
    const st = await lstat(current);
    if (st.uid !== uid && st.uid !== 0) throw insecureAbove(current, dir, `is owned by uid ${st.uid}, who could replace ${dir}`);
    if ((st.mode & 0o022) !== 0 && (st.mode & STICKY) === 0) {
      throw insecureAbove(current, dir, `has mode ${(st.mode & 0o777).toString(8)} without the sticky bit: other users could replace ${dir}`);
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

function insecure(dir: string, why: string): TouchroleError {
  return new TouchroleError('agent-socket-insecure', `The agent socket directory ${dir} ${why}`, {
    hint: `Remove it or run "chmod 700 ${dir}" as its owner, then start the agent again.`,
  });
}

function insecureAbove(ancestor: string, dir: string, why: string): TouchroleError {
  return new TouchroleError('agent-socket-insecure', `${ancestor}, above the agent socket directory, ${why}`, {
    hint:
      'Put the socket where only you and root can change the directories above it: ' +
      `unset TOUCHROLE_AGENT_SOCKET, or point it into a directory you own (not under ${dirname(dir)}).`,
  });
}

function cannotUse(dir: string, code: string): TouchroleError {
  return new TouchroleError('agent-unavailable', `Cannot use the agent socket directory ${dir} (${code})`, {
    hint: 'Check that XDG_RUNTIME_DIR (or TOUCHROLE_AGENT_SOCKET) points to a directory you own.',
  });
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
