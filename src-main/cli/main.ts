// SPDX-License-Identifier: MIT
// Every command (dist/bundle/cli.js; the desktop app's dist-bundle/touchrole.js).
import type { CliContext } from './command';
import { dispatch, runProcess } from './dispatch';
import { registry } from './registry';

/** Runs one `touchrole` invocation and returns its exit code. Never throws. */
export function runCli(argv: string[], ctx: CliContext): Promise<number> {
  return dispatch(argv, ctx, registry);
}

/** Entry point for bin/touchrole.js. */
export function main(argv: string[]): Promise<void> {
  return runProcess(argv, registry);
}
