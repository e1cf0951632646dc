// SPDX-License-Identifier: MIT
import { createTouchPrompter } from '../core/prompt';
import { composeCore, type CoreServices, type MfaWait } from '../core/service';
import type { CliContext } from './command';

const WAIT_REASONS: Record<MfaWait['reason'], string> = {
  'code-used': 'this 30-second code was already used',
  'code-rejected': 'AWS refused the code (used elsewhere?)',
  'ledger-damaged': 'the record of used MFA codes was damaged, so this code counts as used',
};

// One core per CLI run (a context is one run): each port is built once.
const cores = new WeakMap<CliContext, CoreServices>();

/** The core as the CLI uses it: touch prompts on the terminal or the desktop, waits told on stderr. */
export function serviceFor(ctx: CliContext): CoreServices {
  let core = cores.get(ctx);
  if (core === undefined) {
    core = composeCore({
      env: ctx.env,
      clock: ctx.clock,
      prompter: createTouchPrompter({ env: ctx.env, platform: process.platform }),
      onMfaWait: (w) => ctx.stderr.write(`touchrole: ${WAIT_REASONS[w.reason]}; waiting ${Math.ceil(w.waitMs / 1000)} s for the next one\n`),
    });
    cores.set(ctx, core);
  }
  return core;
}
