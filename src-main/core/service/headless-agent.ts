// SPDX-License-Identifier: MIT
import type { Clock } from '../../../src-shared/time/clock';
import { runAgent, type RunningAgent, type Timers } from '../agent';
import type { TouchPrompter } from '../prompt';
import { createServiceAgent } from './agent-backend';

export interface HeadlessAgentOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Also told of every touch (terminal or desktop notification). */
  alsoPrompt: TouchPrompter;
  /** The agent's operational lines. */
  log: (line: string) => void;
  /** Default: the system's. The bench's simulated hour passes its own (scripts/bench/agent-hour.mjs). */
  timers?: Timers;
}

/** `touchrole agent`: the agent over the core's services, without the tray, with the settings' warning thresholds. */
export async function startHeadlessAgent(o: HeadlessAgentOptions): Promise<RunningAgent> {
  const { backend, service } = createServiceAgent({ env: o.env, clock: o.clock, alsoPrompt: o.alsoPrompt });
  const settings = await service.settings();
  return runAgent({
    backend,
    clock: o.clock,
    env: o.env,
    warningThresholdsMs: settings.warnMinutes.map((m) => m * 60_000),
    credentialRefreshWindowMs: settings.refreshMinutes * 60_000,
    log: o.log,
    ...(o.timers === undefined ? {} : { timers: o.timers }),
  });
}
