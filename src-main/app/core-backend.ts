// SPDX-License-Identifier: MIT
import type { Clock } from '../../src-shared/time/clock';
import { runAgent, type AppBackend, type RunningAgent } from '../core/agent';
import { createServiceAgent, type ServiceAgentOptions } from '../core/service';
import { appViews } from './app-views';

export interface CoreBackendOptions extends Omit<ServiceAgentOptions, 'alsoPrompt'> {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Default: the agent on its usual socket. Tests pass their own. */
  socketPath?: string;
  /** The agent's operational lines (the app log). */
  log?: (line: string) => void;
}

/**
 * The tray app's backend: the core service with the agent embedded, so credential_process
 * requests from any terminal reach this app and its touch prompt.
 */
export async function createCoreBackend(o: CoreBackendOptions): Promise<AppBackend> {
  const { backend: agentBackend, service, yubikeyReading } = createServiceAgent(o);
  const settings = await service.settings();
  const agent: RunningAgent = await runAgent({
    backend: agentBackend,
    clock: o.clock,
    env: o.env,
    ...(o.socketPath === undefined ? {} : { socketPath: o.socketPath }),
    ...(o.log === undefined ? {} : { log: o.log }),
    warningThresholdsMs: settings.warnMinutes.map((m) => m * 60_000),
    credentialRefreshWindowMs: settings.refreshMinutes * 60_000,
  });
  const sessionsChanged = async (): Promise<void> => views.emit('sessionsChanged', await agentBackend.sessions());
  // After `clean`, `whoami` and `decode`, as after any change: the agent's timeline re-reads the files, the window follows.
  const followSessions = async (): Promise<void> => {
    await agent.refresh();
    await sessionsChanged();
  };
  const views = appViews({ service, reading: yubikeyReading, keys: 'held', sessionsChanged: followSessions });
  // The app computes warnings itself; it needs the agent's session changes and touch prompts
  // (the agent forwards the backend's touch events to its listeners).
  const logFailure =
    (what: string) =>
    (err: unknown): void =>
      o.log?.(`${what}: ${err instanceof Error ? err.message : typeof err}`);
  const stopAgentEvents = agent.onEvent((e) => {
    if (e.event === 'touch') views.emit('touchPrompt', e.data);
    if (e.event === 'sessions') views.emit('sessionsChanged', e.data.sessions);
    if (e.event === 'expired') sessionsChanged().catch(logFailure('sessions after expiry'));
    // A key inserted or removed, PC/SC lost or back: the tray and the window follow.
    if (e.event === 'yubikey') views.yubikeyStatus().then((status) => views.emit('yubikeyChanged', status), logFailure('yubikey status'));
  });
  /** After a change: the agent's timeline and the window follow. */
  const changed = async <T>(result: T): Promise<T> => {
    await agent.refresh();
    await sessionsChanged();
    return result;
  };

  return {
    ...views,
    sessions: () => agentBackend.sessions(),
    elevate: async (r) => changed(await agentBackend.elevate(r)),
    renew: async (profile) => changed(await agentBackend.renew(profile)),
    // Through the embedded agent, so its memory forgets too (credential_process is served from there).
    end: async (profile) => changed(await agent.end(profile)),
    logout: async () => changed(await agent.logout()),
    async close() {
      stopAgentEvents();
      await agent.close();
    },
  };
}
