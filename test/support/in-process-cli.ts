// SPDX-License-Identifier: MIT
import { PassThrough } from 'node:stream';
import { runCli } from '../../src-main/cli/main';
import { ManualClock } from '../../src-shared/time/clock';

/** Runs `touchrole <argv>` in this process with captured output and a clock stopped at `nowIso`. */
export async function cliInProcess(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  nowIso = '2026-11-23T10:00:00Z',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { env, stdin: new PassThrough(), stdout, stderr, clock: new ManualClock(Date.parse(nowIso)) });
  return { code, stdout: out, stderr: err };
}
