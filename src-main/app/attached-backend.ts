// SPDX-License-Identifier: MIT
import type { SessionView } from '../../src-shared/models';
import type { Clock } from '../../src-shared/time/clock';
import { AgentConnection, agentSocketPath, type AppBackend } from '../core/agent';
import { createServiceAgent, type ServiceAgentOptions, type YubikeyReading } from '../core/service';
import { appViews } from './app-views';

export interface AttachOptions {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  socketPath?: string;
  /** The YubiKey for this process's own flows (the panel's key list, codes, key rotation, MFA devices); tests pass a virtual one. */
  oath?: ServiceAgentOptions['oath'];
  /** The USB HID bus for OTP-slot codes; tests pass one over a virtual key. */
  hid?: ServiceAgentOptions['hid'];
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
  const local = createServiceAgent({
    env: o.env,
    clock: o.clock,
    ...(o.oath === undefined ? {} : { oath: o.oath }),
    ...(o.hid === undefined ? {} : { hid: o.hid }),
  });
  const { service } = local;
  // The agent watches the YubiKey: its state leads, and this process lists the keys beside it.
  const reading = async (): Promise<YubikeyReading> => ({ state: (await connection.call('status', {}, CALL_MS)).yubikey });
  const sessions = async (): Promise<SessionView[]> => (await connection.call('sessions.list', {}, CALL_MS)).sessions;
  // After `clean`, `whoami` or `decode` here (as the CLI's beside the agent): asking the agent for its list makes it re-read the files.
  const sessionsChanged = async (): Promise<void> => views.emit('sessionsChanged', await sessions());
  const views = appViews({ service, reading, keys: 'shared', sessionsChanged });
  const changed = async <T>(result: Promise<T>): Promise<T> => {
    const value = await result;
    views.emit('sessionsChanged', await sessions());
    return value;
  };
  connection.onEvent((e) => {
    if (e.event === 'touch') views.emit('touchPrompt', e.data);
    if (e.event === 'sessions') views.emit('sessionsChanged', e.data.sessions);
    // The agent's new state, with the keys as this process lists them.
    if (e.event === 'yubikey')
      views.statusOf(e.data).then(
        (status) => views.emit('yubikeyChanged', status),
        () => undefined,
      );
  });
  // Key rotation, MFA devices, codes, whoami, clean and decode run here with this process's services,
  // as `touchrole keys rotate` or `touchrole clean` do beside a running agent: the agent protocol stays
  // as it is; the session cache (a session the agent holds is reused, not touched for again) and the
  // YubiKey (over PC/SC) are shared.
  // Their touches come from this process's prompter, so the window hears them from here.
  const stopLocalTouches = local.backend.onTouch((e) => views.emit('touchPrompt', e));
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
    close: async () => {
      stopLocalTouches();
      await local.backend.close?.();
      connection.close();
    },
  };
}
