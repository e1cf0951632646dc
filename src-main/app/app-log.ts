// SPDX-License-Identifier: MIT
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TouchroleError } from '../../src-shared/errors';

export type LogSource = 'startup' | 'ipc' | 'tray' | 'agent' | 'process';

export interface AppLogOptions {
  /** app.getPath('logs'). */
  dir: string;
  /** Rotate when the file passes this size (default 1 MiB); keeps `keep` old files (default 3). */
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
}

// What a secret looks like in an error someone else wrote: AWS key ids, long base64 runs
// (secret keys, session tokens, OATH keys), and `name=value` / `"name": "value"` pairs whose name
// says secret. Our own TouchroleError messages never carry one (conventions.md #6); foreign
// errors (SDK, PC/SC, the OS) might, so everything is filtered.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g,
  /((?:secret|token|password|passwd|credential|authorization|session|key)[\w-]*["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
  /[A-Za-z0-9+/_-]{24,}={0,2}/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, (match, name: unknown) => (typeof name === 'string' ? `${name}[redacted]` : '[redacted]'));
  return out;
}

/** One line about an error: code or name, the message and the stack frames, all redacted. */
export function describeError(e: unknown): string {
  if (e instanceof TouchroleError) return `${e.code}: ${redactSecrets(e.message)}`;
  if (e instanceof Error) {
    const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8);
    return [`${e.name}: ${redactSecrets(e.message)}`, ...frames.map((f) => `    ${redactSecrets(f.trim())}`)].join('\n');
  }
  return `non-error thrown: ${typeof e}`;
}

/**
 * The app's log file in app.getPath('logs'): every unexpected error from IPC, the tray and the
 * agent, for a GUI app that has no stderr a user could read. Rotates by size; never throws (a
 * full disk must not take the tray down with it).
 */
export class AppLog {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: AppLogOptions) {
    this.path = join(options.dir, 'touchrole.log');
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
  }

  error(source: LogSource, what: string, e: unknown): void {
    this.write(source, `${redactSecrets(what)}: ${describeError(e)}`);
  }

  info(source: LogSource, line: string): void {
    this.write(source, redactSecrets(line));
  }

  private write(source: LogSource, text: string): void {
    const stamp = (this.options.now?.() ?? new Date()).toISOString();
    try {
      mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
      this.rotateIfFull();
      appendFileSync(this.path, `${stamp} [${source}] ${text}\n`, { mode: 0o600 });
    } catch {
      // Nowhere left to report to.
    }
  }

  private rotateIfFull(): void {
    let size = 0;
    try {
      size = statSync(this.path).size;
    } catch {
      return;
    }
    if (size < this.maxBytes) return;
    rmSync(this.rotated(this.keep), { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      try {
        renameSync(this.rotated(i), this.rotated(i + 1));
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(this.path, this.rotated(1));
  }

  private rotated(n: number): string {
    return join(this.options.dir, `touchrole.${n}.log`);
  }
}
