// SPDX-License-Identifier: MIT
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** botocore itself, through the corpus's oracle.py (needs a python3 with botocore). */
export const ORACLE = resolve(__dirname, 'oracle.py');

export function requireBotocore(): void {
  try {
    execFileSync('python3', ['-c', 'import botocore'], { stdio: 'pipe' });
  } catch {
    throw new Error('python3 with botocore is required for this test (the oracle for how the AWS CLI reads files)');
  }
}

/** What botocore reads in a credentials file (oracle.py --credentials). */
export function oracleCredentials(path: string): { credentials: { ok: boolean; sections?: Record<string, Record<string, unknown>> } } {
  return JSON.parse(execFileSync('python3', [ORACLE, '--credentials', path], { encoding: 'utf8' })) as {
    credentials: { ok: boolean; sections?: Record<string, Record<string, unknown>> };
  };
}

/** Writes expected.json with botocore for every case folder under `root` (one python run). */
export function oracleWriteAll(root: string): void {
  execFileSync('python3', [ORACLE, '--all', root, '--write'], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
}
