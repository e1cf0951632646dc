// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';

/** Signals touchrole passes on to the child, then keeps waiting for it. */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface RunChildOptions {
  env: NodeJS.ProcessEnv;
  /**
   * True when touchrole's stdin is a terminal: Ctrl-C then reaches the child from the terminal
   * itself (same foreground process group), so SIGINT is not sent a second time (a second
   * interrupt makes Terraform and others abort without cleaning up).
   */
  terminal: boolean;
  /** Where the process signals come from; default `process` (tests pass an EventEmitter). */
  signals?: SignalSource;
}

/**
 * Runs the command with no shell (arguments go to the OS as given), stdio inherited. Resolves
 * to touchrole's exit code: the child's, or 128 + the signal number when a signal ended it.
 */
export async function runChild(command: string, args: readonly string[], o: RunChildOptions): Promise<number> {
  const signals: SignalSource = o.signals ?? process;
  // Loaded here, not with the module: the services that import this one also serve elevations, which start no child.
  const { spawn } = await import('node:child_process');
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { env: o.env, stdio: 'inherit', shell: false });
    const forward = (signal: NodeJS.Signals): void => {
      if (signal === 'SIGINT' && o.terminal) return;
      child.kill(signal);
    };
    const handlers = FORWARDED_SIGNALS.map((s) => [s, () => forward(s)] as const);
    for (const [s, h] of handlers) signals.on(s, h);
    const done = (): void => {
      for (const [s, h] of handlers) signals.off(s, h);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(startFailure(command, e));
    });
    child.once('exit', (code, signal) => {
      done();
      // node:os only when a signal ended the child: exec's start has no time for it.
      resolve(code ?? 128 + (signal === null ? 0 : (process.getBuiltinModule('node:os').constants.signals[signal] ?? 0)));
    });
  });
}

function startFailure(command: string, e: NodeJS.ErrnoException): TouchroleError {
  const name = JSON.stringify(command.slice(0, 200));
  if (e.code === 'ENOENT')
    return new TouchroleError('command-not-found', `command not found: ${name}`, {
      hint: 'check its name and PATH; no shell runs it, so aliases and functions do not work',
    });
  if (e.code === 'EACCES') return new TouchroleError('command-not-found', `command not executable: ${name}`, { hint: 'check its permissions' });
  return new TouchroleError('command-not-found', `could not start ${name} (${e.code ?? 'error'})`);
}
