// SPDX-License-Identifier: MIT
import { systemTimers } from '../agent';
import {
  checkNotNested,
  childEnv,
  MIN_REMAINING_MS,
  RenewingSession,
  runChild,
  startCredentialsServer,
  type DeliveredSession,
  type SessionSource,
} from '../delivery';
import type { CorePorts } from './core-ports';

export interface ExecOptions {
  command: string;
  args: string[];
  /** The session to start with, from `source`. */
  session: DeliveredSession;
  source: SessionSource;
  /** Serve the session on a loopback endpoint (renewed before it expires) instead of the environment. */
  server: boolean;
  durationSeconds?: number;
  /** The child shares a terminal (signals go to its process group). */
  terminal: boolean;
  log: (line: string) => void;
}

/** Handing a session to another program: `touchrole exec` (environment or a local endpoint). */
export class DeliveryService {
  constructor(private readonly ports: CorePorts) {}

  /** Refuses exec inside an exec unless forced. */
  checkNotNested(force: boolean): void {
    checkNotNested(this.ports.env, force);
  }

  /** Runs the command with the session; resolves to its exit code. */
  async exec(o: ExecOptions): Promise<number> {
    const run = (env: NodeJS.ProcessEnv): Promise<number> => runChild(o.command, o.args, { env, terminal: o.terminal });
    if (!o.server)
      return run(childEnv(this.ports.env, { profile: o.session.profile, ...region(o.session), delivery: { kind: 'env', credentials: o.session.credentials } }));
    // The endpoint lives exactly as long as the child.
    const settings = await this.ports.settings();
    const renewing = new RenewingSession({
      source: o.source,
      initial: o.session,
      renewBeforeMs: Math.max(settings.refreshMinutes * 60_000, MIN_REMAINING_MS),
      clock: this.ports.clock,
      timers: systemTimers,
      log: o.log,
      ...(o.durationSeconds === undefined ? {} : { durationSeconds: o.durationSeconds }),
    });
    const server = await startCredentialsServer({ current: () => renewing.current() });
    try {
      return await run(
        childEnv(this.ports.env, { profile: o.session.profile, ...region(o.session), delivery: { kind: 'server', url: server.url, token: server.token } }),
      );
    } finally {
      await renewing.stop();
      await server.close();
    }
  }
}

function region(s: DeliveredSession): { region?: string } {
  return s.region === undefined ? {} : { region: s.region };
}
