// SPDX-License-Identifier: MIT
import { EventEmitter } from 'node:events';
import type { SessionView, TouchEvent, YubikeyState } from '../../../src-shared/models';
import type { Clock } from '../../../src-shared/time/clock';
import type { AgentBackend } from '../agent';
import type { OathClient } from '../oath';
import type { HidBus } from '../otp';
import type { TouchInfo, TouchPrompter } from '../prompt';
import type { IamApi, StsApi } from '../sts';
import { agentCaller, credentialProcessJson } from '../sessions';
import type { Keychain } from '../vault';
import { composeCore, type CoreServices } from './composition-root';
import { YubikeyMonitor, type YubikeyReading } from './yubikey-monitor';

export interface ServiceAgentOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Also told of every touch (the headless agent: terminal or desktop notification). */
  alsoPrompt?: TouchPrompter;
  keychain?: Keychain;
  sts?: StsApi;
  iam?: IamApi;
  oath?: () => Promise<OathClient>;
  /** The USB HID bus for OTP slots (default: node-hid, loaded on first use). */
  hid?: HidBus;
}

export interface ServiceAgent {
  backend: AgentBackend;
  /** The core's services, composed with the agent's touch prompter (the tray calls them too). */
  service: CoreServices;
  /** The YubiKey now, plus 'touch' while a touch is awaited, with the reason when PC/SC is unavailable (the window shows it). */
  yubikeyReading: () => Promise<YubikeyReading>;
}

/** The agent's backend over the core service: the one used by `touchrole agent` and the tray app. */
export function createServiceAgent(o: ServiceAgentOptions): ServiceAgent {
  const touches = new EventEmitter();
  const yubikeyChanges = new EventEmitter<{ state: [YubikeyState] }>();
  let touching = false;
  const emit = (state: TouchEvent['state'], info?: TouchInfo): void => {
    touching = state === 'needed';
    const profile = info?.profile;
    touches.emit('touch', profile === undefined ? { state } : { state, profile });
  };
  const prompter: TouchPrompter = {
    async waiting(info) {
      emit('needed', info);
      await o.alsoPrompt?.waiting(info);
    },
    async done() {
      emit('done');
      await o.alsoPrompt?.done();
    },
    async timedOut() {
      emit('timeout');
      await o.alsoPrompt?.timedOut();
    },
  };
  const service = composeCore({
    env: o.env,
    clock: o.clock,
    prompter,
    ...(o.keychain ? { keychain: o.keychain } : {}),
    ...(o.sts ? { sts: o.sts } : {}),
    ...(o.iam ? { iam: o.iam } : {}),
    ...(o.oath ? { oath: o.oath } : {}),
    ...(o.hid ? { hid: o.hid } : {}),
  });
  // Inserting or removing a key reaches subscribers without a request (the watcher starts with the first one).
  const monitor = new YubikeyMonitor({ oath: () => service.yubikey.client(), clock: o.clock, onChange: (state) => yubikeyChanges.emit('state', state) });
  // Renew repeats the duration the user chose last time.
  const durations = new Map<string, number>();

  const elevate = async (profile: string, durationSeconds: number | undefined): Promise<SessionView> => {
    if (durationSeconds !== undefined) durations.set(profile, durationSeconds);
    const s = await service.sessions.elevate(profile, { write: true, reuseCached: false, ...(durationSeconds === undefined ? {} : { durationSeconds }) });
    return {
      profile,
      expiration: s.expiration,
      ...(s.roleArn ? { roleArn: s.roleArn } : {}),
      ...(s.writtenProfile ? { writtenProfile: s.writtenProfile } : {}),
    };
  };

  const backend: AgentBackend = {
    elevate: (r) => elevate(r.profile, r.durationSeconds),
    renew: (profile) => elevate(profile, durations.get(profile)),
    async end(profile) {
      await service.records.end(profile);
    },
    async logout() {
      return (await service.records.logout()).ended;
    },
    async expire(profile) {
      await service.records.end(profile);
    },
    async sessions() {
      const written = (await service.records.written()).map((s): SessionView =>
        Number.isNaN(s.expiresAt) // a hand-damaged marker: listed, never a crash
          ? { profile: s.profile, writtenProfile: s.writtenProfile, expiration: '', expiryUnreadable: true }
          : { profile: s.profile, writtenProfile: s.writtenProfile, expiration: new Date(s.expiresAt).toISOString() },
      );
      // Sessions served to credential_process, exec and export live only in the cache: the tray lists them too.
      const cached = (await service.records.cached())
        .filter((c) => !written.some((w) => w.profile === c.profile))
        .map((c): SessionView => ({ profile: c.profile, expiration: new Date(c.expiresAt).toISOString(), ...(c.roleArn ? { roleArn: c.roleArn } : {}) }));
      return [...written, ...cached];
    },
    async credentialProcess(profile) {
      const s = await service.sessions.cached(profile);
      return { output: credentialProcessJson(s), fingerprint: s.fingerprint };
    },
    identity: async (profile) => agentCaller(await service.sessions.identity(profile)),
    async status() {
      return { yubikey: (await yubikeyReading()).state };
    },
    onTouch(listener) {
      touches.on('touch', listener);
      return () => void touches.off('touch', listener);
    },
    onYubikey(listener) {
      yubikeyChanges.on('state', listener);
      return () => void yubikeyChanges.off('state', listener);
    },
    async close() {
      monitor.close();
    },
  };

  async function yubikeyReading(): Promise<YubikeyReading> {
    if (touching) return { state: 'touch' };
    return monitor.read();
  }

  return { backend, service, yubikeyReading };
}
