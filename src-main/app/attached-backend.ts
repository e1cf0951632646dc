// SPDX-License-Identifier: MIT
import { EventEmitter } from 'node:events';
import type { AgentSession, YubikeyState } from '../../src-shared/agent-protocol';
import type { SessionView, YubikeyStatusView } from '../../src-shared/ipc-contract';
import type { Clock } from '../../src-shared/time/clock';
import { AgentConnection, agentSocketPath } from '../core/agent';
import { createServiceAgent } from '../core/service';
import type { AppBackend, AppBackendEventName, AppBackendEvents, CoreBackend } from './backend';
import { serviceViews } from './service-views';

export interface AttachOptions {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  socketPath?: string;
}

const CALL_MS = 10_000;
/** Long enough for the touch prompt and STS. */
const ELEVATE_MS = 120_000;
const toView = (s: AgentSession): SessionView => ({ ...s });
const yubikeyView = (state: YubikeyState): YubikeyStatusView => ({
  state: state === 'touch' ? 'touch-now' : state === 'unknown' ? 'none' : state,
  keys: [],
  mfaCredentials: [],
});

/**
 * The tray app as a client of a `touchrole agent` that already runs (started from a terminal or
 * at login): sessions, elevation and touch prompts go through that agent, so there is still one
 * holder of sessions and one touch per step; profiles, settings and reminders are read here as
 * the CLI reads them. Resolves undefined when no agent answers after all.
 */
export async function attachToAgent(o: AttachOptions): Promise<CoreBackend | undefined> {
  const connection = await AgentConnection.open({ socketPath: o.socketPath ?? agentSocketPath({ env: o.env }) });
  if (connection === undefined) return undefined;
  const { service } = createServiceAgent({ env: o.env, clock: o.clock });
  const events = new EventEmitter();
  const emit = <E extends AppBackendEventName>(event: E, data: AppBackendEvents[E]): boolean => events.emit(event, data);
  const sessions = async (): Promise<SessionView[]> => (await connection.call('sessions.list', {}, CALL_MS)).sessions.map(toView);
  const changed = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    emit('sessionsChanged', await sessions());
    return value;
  };
  connection.onEvent((e) => {
    if (e.event === 'touch') emit('touchPrompt', e.data);
    if (e.event === 'sessions') emit('sessionsChanged', e.data.sessions.map(toView));
    if (e.event === 'yubikey') emit('yubikeyChanged', yubikeyView(e.data.state));
  });
  await connection.call('subscribe', {}, CALL_MS);

  const backend: AppBackend = {
    sessions,
    elevate: (r) => changed(connection.call('elevate', { profile: r.profile, durationSeconds: r.durationSeconds }, ELEVATE_MS)).then(toView),
    renew: (profile) => changed(connection.call('sessions.renew', { profile }, ELEVATE_MS)).then(toView),
    end: async (profile) => {
      await changed(connection.call('sessions.end', { profile }, CALL_MS));
    },
    logout: async () => {
      await changed(connection.call('sessions.logout', {}, CALL_MS));
    },
    ...serviceViews(service),
    // The agent holds the YubiKey: its state is all the window shows while attached.
    async yubikeyStatus() {
      return yubikeyView((await connection.call('status', {}, CALL_MS)).yubikey);
    },
    async unlock(r) {
      await service.yubikey.unlock(r.password, r.deviceId === undefined ? {} : { device: { deviceId: r.deviceId } });
      const status = await backend.yubikeyStatus();
      emit('yubikeyChanged', status);
      return status;
    },
    on(event, listener) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
  };
  return { backend, close: () => Promise.resolve(connection.close()) };
}
