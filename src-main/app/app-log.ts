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

// What a secret looks like in an error someone else wrote: AWS key ids, `name=value` and
// `"name": "value"` pairs whose name says secret, and long base64/base32 runs (below). Our own
// TouchroleError messages never carry one (conventions.md #6); foreign errors (SDK, PC/SC, the
// OS) might, so everything is filtered.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g,
  /(\b[\w-]*(?:secret|token|passw(?:or)?d|authorization|access[_-]?key|api[_-]?key|private[_-]?key)[\w-]*["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
];
// Long base64 runs: redacted when they mix digits, upper and lower case, as keys and tokens do
// and file paths in stack frames (src-main/app/main.js) do not.
const BASE64_RUN = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
const looksRandom = (run: string): boolean => /\d/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run);
// Base32 (TOTP seeds as otpauth:// URIs carry them): upper case and the digits 2-7.
const BASE32_RUN = /\b[A-Z2-7]{16,}=*/g;

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, (_match, name: unknown) => (typeof name === 'string' ? `${name}[redacted]` : '[redacted]'));
  out = out.replace(BASE32_RUN, (run) => (/\d/.test(run) ? '[redacted]' : run));
  return out.replace(BASE64_RUN, (run) => (looksRandom(run) ? '[redacted]' : run));
}

/** One line about an error: code or name, the message and the stack frames, all redacted. */
export function describeError(e: unknown): string {
  if (e instanceof TouchroleError) return `${e.code}: ${redactSecrets(e.message)}`;
  if (e instanceof Error) {
    const frames = (e.stack ?? '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 8);
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
