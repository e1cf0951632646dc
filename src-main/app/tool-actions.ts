// SPDX-License-Identifier: MIT
import { cleanSummaryLines, formatDecodedMessage, whoamiLines } from '../../src-shared/tool-messages';
import type { AppBackend } from '../core/agent';
import type { CoreServices } from '../core/service';

export type ToolActions = Pick<AppBackend, 'yubikeyCode' | 'whoami' | 'clean' | 'decodeMessage'>;

/**
 * The CLI's `yubikey code`, `whoami`, `clean` and `decode` for the window, through the same
 * services, as those commands run beside a running agent: in this process, reading the session
 * cache the agent writes too (so a session the agent holds is reused, never a second touch; a
 * per-profile lock makes concurrent elevations one). Touches reach the window as `touchPrompt`
 * events through the services' prompter. `sessionsChanged` runs after each (the agent's timeline
 * and the window's list follow: `clean` removed sessions, `whoami` and `decode` may have made one).
 */
export function toolActions(service: CoreServices, sessionsChanged: () => Promise<void>): ToolActions {
  return {
    async yubikeyCode(request) {
      if ('slot' in request) {
        const r = await service.yubikey.slotCode(request.slot);
        return { credential: `OTP slot ${request.slot}`, code: r.code, validTo: new Date(r.validUntilMs).toISOString() };
      }
      const { name, deviceId } = request;
      const r = await service.yubikey.code(name, { device: deviceId === undefined ? {} : { deviceId } });
      return { credential: r.credential.id, code: r.code.value, validTo: r.code.validToMs === undefined ? null : new Date(r.code.validToMs).toISOString() };
    },
    async whoami(profile) {
      const id = await service.sessions.whoami(profile);
      await sessionsChanged(); // a session made for it (none was cached) is listed like the others
      return { profile, account: id.account, arn: id.arn, userId: id.userId, lines: whoamiLines(id) };
    },
    async clean() {
      const r = await service.records.clean();
      await sessionsChanged();
      const counts = { cacheEntriesRemoved: r.cacheEntriesRemoved.length, tempFilesRemoved: r.tempFilesRemoved.length };
      return { removed: r.removed, ...counts, lines: cleanSummaryLines({ path: r.path, removed: r.removed, ...counts }) };
    },
    async decodeMessage({ profile, message }) {
      const text = await service.sessions.decodeAuthorizationMessage(profile, message);
      await sessionsChanged();
      return formatDecodedMessage(text).text;
    },
  };
}
