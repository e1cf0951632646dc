// SPDX-License-Identifier: MIT
/** Runs Yubico's ykman against one reader, with its settings in a throwaway HOME. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface YkmanResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class Ykman {
  private readonly home = mkdtempSync(join(tmpdir(), 'touchrole-ykman-'));

  constructor(private readonly reader: string) {}

  /** `ykman --reader <reader> ...args`; stdin is closed, so prompts fail instead of hanging. */
  run(args: string[]): Promise<YkmanResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'ykman',
        ['--reader', this.reader, ...args],
        { env: { ...process.env, HOME: this.home }, timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(new Error('ykman is not installed (Debian package "yubikey-manager")'));
            return;
          }
          resolve({ exitCode: child.exitCode ?? (error === null ? 0 : 1), stdout, stderr });
        },
      );
      child.stdin?.end();
    });
  }

  /** Like `run`, but fails with ykman's own words when it exits non-zero. */
  async ok(args: string[]): Promise<string> {
    const r = await this.run(args);
    if (r.exitCode !== 0) {
      throw new Error(`ykman ${args.join(' ')} exited ${r.exitCode}: ${r.stderr.trim() || r.stdout.trim()}`);
    }
    return r.stdout;
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** Parses `ykman oath accounts code` output: "name   code" lines, names may contain spaces. */
export function parseCodes(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^(.*?)\s{2,}(\S.*)$/.exec(line.trimEnd());
    if (match?.[1] !== undefined && match[2] !== undefined) out.set(match[1], match[2]);
  }
  return out;
}
