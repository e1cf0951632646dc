// SPDX-License-Identifier: MIT
// The agent answers credentialProcess only for a caller that resolves the profile as it does.
import { describe, expect, it } from 'vitest';
import type { AgentCaller } from '../../../../src-shared/agent-protocol';
import { ManualClock } from '../../../../src-shared/time/clock';
import { RequestHandler } from '../../../../src-main/core/agent/request-handler';
import { SessionKeeper } from '../../../../src-main/core/agent/session-keeper';
import { FakeBackend } from '../../../support/fake-backend';

const T0 = Date.UTC(2026, 0, 1, 12);

function setup(): { handler: RequestHandler; backend: FakeBackend } {
  const clock = new ManualClock(T0);
  const backend = new FakeBackend({ clock: clock });
  const keeper = new SessionKeeper({ backend, clock, timers: { setTimeout: () => undefined, clearTimeout: () => undefined }, emit: () => undefined });
  return { handler: new RequestHandler({ backend, keeper, clock }), backend };
}

const ask = (handler: RequestHandler, caller?: AgentCaller) =>
  handler.handle({ v: 1, id: 1, method: 'credentialProcess', params: { profile: 'admin', ...(caller === undefined ? {} : { caller }) } });

describe('RequestHandler credentialProcess', () => {
  it('serves a caller with the agent’s scope and fingerprint, from memory the second time', async () => {
    const { handler, backend } = setup();
    await expect(ask(handler, backend.own)).resolves.toMatchObject({ AccessKeyId: 'ASIAADMIN' });
    await ask(handler, backend.own);
    expect(backend.log).toEqual(['credentialProcess admin']);
  });

  it.each([
    [
      'another AWS config file',
      { configFile: '/elsewhere/config', scope: 'e'.repeat(64) },
      /reads \/agent\/.aws\/config; this command reads \/elsewhere\/config/,
    ],
    ['another credentials file', { credentialsFile: '/elsewhere/credentials', scope: 'e'.repeat(64) }, /this command reads \/elsewhere\/credentials/],
    ['other touchrole settings or STS endpoint', { scope: 'e'.repeat(64) }, /other touchrole directories, keychain service or STS endpoint/],
    ['another fingerprint (role_arn edited)', { fingerprint: 'e'.repeat(64) }, /resolves differently/],
    ['no fingerprint where the agent has one', { fingerprint: undefined }, /resolves differently/],
  ])('declines a caller with %s, without touching the backend', async (_, change, message) => {
    const { handler, backend } = setup();
    const caller = { ...backend.own, ...change } as AgentCaller;
    if (caller.fingerprint === undefined) delete caller.fingerprint;
    await expect(ask(handler, caller)).rejects.toMatchObject({ code: 'agent-declined', message: expect.stringMatching(message) as unknown });
    expect(backend.log).toEqual([]);
  });

  it('does not serve from memory once its own view of the profile changed (config edited)', async () => {
    const { handler, backend } = setup();
    await ask(handler, backend.own);
    backend.own = { ...backend.own, fingerprint: 'c'.repeat(64) };
    await ask(handler, backend.own);
    await ask(handler, backend.own);
    expect(backend.log).toEqual(['credentialProcess admin', 'credentialProcess admin']);
  });

  it.each([
    ['end', (handler: RequestHandler) => handler.end('admin')],
    ['logout', (handler: RequestHandler) => handler.logout().then(() => undefined)],
  ])('%s: credentials fetched while it was removing the session are not kept in memory', async (name, endIt) => {
    const { handler, backend } = setup();
    let finish: () => void = () => undefined;
    const removing = new Promise<void>((r) => (finish = r));
    const slow =
      <T>(real: () => Promise<T>) =>
      async (): Promise<T> => {
        await removing; // the credentials file is still being rewritten
        return real();
      };
    if (name === 'end') backend.end = slow(FakeBackend.prototype.end.bind(backend, 'admin'));
    else backend.logout = slow(FakeBackend.prototype.logout.bind(backend));
    const ending = endIt(handler);
    await ask(handler, backend.own); // asked during the end: may still read the old session
    finish();
    await ending;
    await ask(handler, backend.own);
    expect(backend.log.filter((c) => c.startsWith('credentialProcess'))).toHaveLength(2);
  });
});
