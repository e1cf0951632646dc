// SPDX-License-Identifier: MIT
import { EventEmitter } from 'node:events';
import type { AgentSession } from '../../src-shared/agent-protocol';
import type { SessionView, YubikeyStatusView } from '../../src-shared/ipc-contract';
import type { Clock } from '../../src-shared/time/clock';
import { runAgent, type RunningAgent } from '../core/agent';
import { createServiceAgent, type ServiceAgentOptions } from '../core/service';
import type { AppBackend, AppBackendEventName, AppBackendEvents, CoreBackend } from './backend';
import { serviceViews } from './service-views';

export interface CoreBackendOptions extends Omit<ServiceAgentOptions, 'alsoPrompt'> {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Default: the agent on its usual socket. Tests pass their own. */
  socketPath?: string;
  /** The agent's operational lines (the app log). */
  log?: (line: string) => void;
}

const toView = (s: AgentSession): SessionView => ({ ...s });

/**
 * The tray app's backend: the core service with the agent embedded, so credential_process
 * requests from any terminal reach this app and its touch prompt.
 */
export async function createCoreBackend(o: CoreBackendOptions): Promise<CoreBackend> {
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
  const events = new EventEmitter();
  const emit = <E extends AppBackendEventName>(event: E, data: AppBackendEvents[E]): void => void events.emit(event, data);
  const sessionsChanged = async (): Promise<void> => emit('sessionsChanged', (await agentBackend.sessions()).map(toView));
  // The app computes warnings itself; it needs the agent's session changes and touch prompts
  // (the agent forwards the backend's touch events to its listeners).
  const stopAgentEvents = agent.onEvent((e) => {
    if (e.event === 'touch') emit('touchPrompt', e.data);
    if (e.event === 'sessions') emit('sessionsChanged', e.data.sessions.map(toView));
    if (e.event === 'expired') void sessionsChanged();
    // A key inserted or removed, PC/SC lost or back: the tray and the window follow.
    if (e.event === 'yubikey') {
      void yubikeyStatus().then(
        (status) => emit('yubikeyChanged', status),
        (err: unknown) => o.log?.(`yubikey status: ${err instanceof Error ? err.message : typeof err}`),
      );
    }
  });

  const yubikeyStatus = async (): Promise<YubikeyStatusView> => {
    const { state, problem } = await yubikeyReading();
    if (state === 'unavailable') return { state, keys: [], mfaCredentials: [], ...(problem ? { problem } : {}) };
    // 'unknown' (a reader in trouble, a busy key) shows as no key, with the reason beside it.
    if (state === 'none' || state === 'unknown') return { state: 'none', keys: [], mfaCredentials: [], ...(problem ? { problem } : {}) };
    const keys = await service.yubikey.list();
    return {
      state: state === 'touch' ? 'touch-now' : state,
      keys: keys.map((k) => ({ deviceId: k.deviceId, reader: k.reader, locked: k.locked, ...(k.serial === undefined ? {} : { serial: k.serial }) })),
      mfaCredentials: keys.flatMap((k) =>
        (k.credentials ?? []).flatMap((c) => (c.awsMfaArn ? [{ deviceId: k.deviceId, name: c.id, mfaSerial: c.awsMfaArn, touch: c.touch === true }] : [])),
      ),
    };
  };

  const backend: AppBackend = {
    sessions: async () => (await agentBackend.sessions()).map(toView),
    async elevate(r) {
      const s = await agentBackend.elevate(r);
      await agent.refresh();
      await sessionsChanged();
      return toView(s);
    },
    async renew(profile) {
      const s = await agentBackend.renew(profile);
      await agent.refresh();
      await sessionsChanged();
      return toView(s);
    },
    // Through the embedded agent, so its memory forgets too (credential_process is served from there).
    async end(profile) {
      await agent.end(profile);
      await agent.refresh();
      await sessionsChanged();
    },
    async logout() {
      await agent.logout();
      await agent.refresh();
      await sessionsChanged();
    },
    ...serviceViews(service),
    yubikeyStatus,
    async unlock(r) {
      await service.yubikey.unlock(r.password, r.deviceId === undefined ? {} : { device: { deviceId: r.deviceId } });
      const status = await yubikeyStatus();
      emit('yubikeyChanged', status);
      return status;
    },
    on(event, listener) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
  };

  return {
    backend,
    async close() {
      stopAgentEvents();
      await agent.close();
    },
  };
}
