// SPDX-License-Identifier: MIT
import { TouchroleError } from '../../../src-shared/errors';

/** stdin as Node gives it: a TTY stream has isTTY and setRawMode. */
export type SecretSource = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface ReadSecretOptions {
  stdin: SecretSource;
  /** Where the prompt goes when stdin is a terminal (the secret itself is never echoed). */
  output: NodeJS.WritableStream;
  /** e.g. "Secret access key: " */
  prompt: string;
  /** What is being read, for error messages, e.g. "secret access key". */
  what: string;
}

const MAX_PIPED_BYTES = 64 * 1024;

/**
 * Reads one secret line: typed at a terminal without echo, or the first line of piped stdin.
 * Secrets never come from argv (visible in `ps`) or the environment (inherited by children).
 */
export async function readSecret(options: ReadSecretOptions): Promise<string> {
  const value = options.stdin.isTTY && options.stdin.setRawMode ? await readFromTerminal(options) : await readFromPipe(options.stdin);
  if (value === '') {
    throw new TouchroleError('usage', `No ${options.what} given`, {
      hint: `Type it at the prompt, or pipe it on stdin (e.g. from a password manager).`,
    });
  }
  return value;
}

// Piped input read but not yet consumed, per stream: `keys add` reads the key id and then the
// secret as two lines of the same stdin.
const pipeState = new WeakMap<SecretSource, { buffer: string; ended: boolean }>();

function readFromPipe(stdin: SecretSource): Promise<string> {
  const state = pipeState.get(stdin) ?? { buffer: '', ended: false };
  pipeState.set(stdin, state);
  // 'end' may have fired while no call was listening.
  if (isEnded(stdin)) state.ended = true;
  const takeLine = (): string | undefined => {
    const newline = state.buffer.indexOf('\n');
    if (newline < 0 && !state.ended) return undefined;
    const line = newline < 0 ? state.buffer : state.buffer.slice(0, newline);
    state.buffer = newline < 0 ? '' : state.buffer.slice(newline + 1);
    return line.replace(/\r$/, '');
  };
  const ready = takeLine();
  if (ready !== undefined) return Promise.resolve(ready);
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      stdin.pause();
    };
    const onData = (chunk: string | Buffer): void => {
      state.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (state.buffer.length > MAX_PIPED_BYTES) {
        cleanup();
        reject(new TouchroleError('usage', 'The input on stdin is too long for a secret', { hint: 'Pipe just the secret, one per line.' }));
        return;
      }
      const line = takeLine();
      if (line !== undefined) {
        cleanup();
        resolve(line);
      }
    };
    const onEnd = (): void => {
      state.ended = true;
      cleanup();
      resolve(takeLine() ?? '');
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}

function isEnded(stream: SecretSource): boolean {
  return 'readableEnded' in stream && stream.readableEnded === true;
}

function readFromTerminal(options: ReadSecretOptions): Promise<string> {
  const { stdin, output } = options;
  const setRaw = (mode: boolean): void => void stdin.setRawMode?.(mode);
  // Echo off before the prompt shows: a fast typist (or a script) must never see the secret echoed.
  setRaw(true);
  output.write(options.prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: TouchroleError): void => {
      stdin.removeListener('data', onData);
      setRaw(false);
      stdin.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) {
          return finish(new TouchroleError('cancelled', `Cancelled while reading the ${options.what}`));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
