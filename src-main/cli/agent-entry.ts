// SPDX-License-Identifier: MIT
/**
 * `touchrole agent` (bin/touchrole.js, dist/bundle/agent.js): the long-running agent loads the
 * agent and what it serves, not the other commands. Any other form (--help, --json) goes to the
 * full CLI.
 */
import { printableText } from '../../src-shared/printable';
import { systemClock } from '../../src-shared/time/clock';
import { installSourceLines } from '../core/hot-path';
import { processContext } from './command';
import { command } from './commands/agent';
import { EXIT_OK, failureLine, toFailure } from './exit-codes';

installSourceLines();

export async function main(argv: string[]): Promise<void> {
  if (argv.length !== 1 || argv[0] !== 'agent') return (await import('./main')).main(argv);
  const ctx = processContext(systemClock);
  try {
    const out = await command.run({ positionals: [], values: {} }, ctx);
    process.stdout.write(`${printableText(out.text)}\n`);
    process.exitCode = out.exitCode ?? EXIT_OK;
  } catch (e) {
    const failure = toFailure(e);
    process.stderr.write(`${failureLine(failure.wire)}\n`);
    process.exitCode = failure.exitCode;
  }
}
