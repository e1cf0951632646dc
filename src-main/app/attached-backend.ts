// SPDX-License-Identifier: MIT
import type { SessionView } from '../../src-shared/models';
import type { Clock } from '../../src-shared/time/clock';
import { AgentConnection, agentSocketPath, type AppBackend } from '../core/agent';
import { createServiceAgent, type YubikeyReading } from '../core/service';
import { appViews } from './app-views';

export interface AttachOptions {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  socketPath?: string;
}

const CALL_MS = 10_000;
/** Long enough for the touch prompt and STS. */
const ELEVATE_MS = 120_000;

/**
 * The tray app as a client of a `touchrole agent` that already runs (started from a terminal or
 * at login): sessions, elevation and touch prompts go through that agent, so there is still one
 * holder of sessions and one touch per step; profiles, settings and reminders are read here as
 * the CLI reads them. Resolves undefined when no agent answers after all.
 */
export async function attachToAgent(o: AttachOptions): Promise<AppBackend | undefined> {
  const connection = await AgentConnection.open({ socketPath: o.socketPath ?? agentSocketPath({ env: o.env }) });
  if (connection === undefined) return undefined;
  const { service } = createServiceAgent({ env: o.env, clock: o.clock });
  // The agent holds the YubiKey: its state is all the window shows while attached.
  const reading = async (): Promise<YubikeyReading> => ({ state: (await connection.call('status', {}, CALL_MS)).yubikey });
  const views = appViews({ service, reading, listKeys: false });
  const sessions = async (): Promise<SessionView[]> => (await connection.call('sessions.list', {}, CALL_MS)).sessions;
  const changed = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    views.emit('sessionsChanged', await sessions());
    return value;
  };
  connection.onEvent((e) => {
    if (e.event === 'touch') views.emit('touchPrompt', e.data);
    if (e.event === 'sessions') views.emit('sessionsChanged', e.data.sessions);
    // Without a key listing (the agent holds the YubiKey) the status is made from the event alone.
    if (e.event === 'yubikey')
      views.statusOf(e.data).then(
        (status) => views.emit('yubikeyChanged', status),
        () => undefined,
      );
  });
  await connection.call('subscribe', {}, CALL_MS);

  return {
    ...views,
    sessions,
    elevate: (r) => changed(connection.call('elevate', r, ELEVATE_MS)),
    renew: (profile) => changed(connection.call('sessions.renew', { profile }, ELEVATE_MS)),
    end: async (profile) => {
      await changed(connection.call('sessions.end', { profile }, CALL_MS));
    },
    logout: async () => (await changed(connection.call('sessions.logout', {}, CALL_MS))).ended,
    close: () => Promise.resolve(connection.close()),
  };
}
