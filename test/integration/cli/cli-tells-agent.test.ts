// SPDX-License-Identifier: MIT
// Commands that change sessions on disk tell a running agent, so it stops serving an ended
// session from memory and the tray shows the change at once; a silent agent never holds them up.
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { managedSections, upsertManagedSection } from '../../../src-shared/aws-ini';
import { systemClock } from '../../../src-shared/time/clock';
import { runAgent, tryAgent, type RunningAgent } from '../../../src-main/core/agent';
import { touchrolePaths } from '../../../src-main/core/paths';
import { SessionCache } from '../../../src-main/core/sessions';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';
import { listenAsAgent } from '../../support/fake-agent-socket';
import { FakeBackend } from '../../support/fake-backend';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function userWithSession(): TempUser {
  const credentials = upsertManagedSection('[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n', 'admin-touchrole', {
    accessKeyId: 'ASIAADMIN',
    secretAccessKey: 'secret',
    sessionToken: 'token==',
    expiresAt: Date.now() + 3600_000,
  });
  const user = makeTempUser({ config: '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = dev\n', credentials });
  cleanups.push(() => rm(user.home, { recursive: true, force: true }));
  return user;
}

async function agentFor(user: TempUser): Promise<{ agent: RunningAgent; backend: FakeBackend; socketPath: string }> {
  const socketPath = user.env['TOUCHROLE_AGENT_SOCKET'] ?? '';
  const backend = new FakeBackend({ clock: systemClock });
  const agent = await runAgent({ backend, clock: systemClock, socketPath });
  cleanups.push(() => agent.close());
  return { agent, backend, socketPath };
}

describe('commands tell a running agent', () => {
  it('end: the agent forgets the session and stops serving it from memory', async () => {
    const user = userWithSession();
    const { backend, socketPath } = await agentFor(user);
    const ask = () => tryAgent({ method: 'credentialProcess', params: { profile: 'admin' } }, { socketPath, timeoutMs: 5000 });
    await ask();
    await ask(); // served from the agent's memory
    expect(backend.log).toEqual(['credentialProcess admin']);

    const ended = await runTouchrole(['end', 'admin'], user.env);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain('Ended the session of admin');
    expect(managedSections(readFileSync(join(user.awsDir, 'credentials'), 'utf8'))).toEqual([]);
    expect(backend.log).toContain('end admin');
    await ask();
    expect(backend.log.filter((c) => c === 'credentialProcess admin')).toHaveLength(2);
  });

  it('logout: every section and cached session (the MFA session too) is gone, and the agent serves nothing from memory', async () => {
    const user = userWithSession();
    const credentialsFile = join(user.awsDir, 'credentials');
    const before = readFileSync(credentialsFile, 'utf8');
    writeFileSync(
      credentialsFile,
      upsertManagedSection(before, 'prod-touchrole', { accessKeyId: 'ASIAPROD', secretAccessKey: 's', sessionToken: 't', expiresAt: Date.now() + 60_000 }),
    );
    const cache = new SessionCache({ dir: touchrolePaths(user.env).cache, clock: systemClock });
    const live = { accessKeyId: 'ASIAC', secretAccessKey: 's', sessionToken: 't', expiration: Date.now() + 3600_000, fingerprint: 'fp' };
    const mfaKey = { kind: 'mfa-session' as const, sourceProfile: 'dev', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' };
    await cache.put({ kind: 'role-session', profile: 'cached-only' }, { kind: 'role-session', profile: 'cached-only', ...live });
    await cache.put(mfaKey, { kind: 'mfa-session', profile: 'dev', ...live });
    const { backend, socketPath } = await agentFor(user);
    const ask = () => tryAgent({ method: 'credentialProcess', params: { profile: 'admin' } }, { socketPath, timeoutMs: 5000 });
    await ask();
    await ask(); // served from the agent's memory
    expect(backend.log).toEqual(['credentialProcess admin']);

    const r = await runTouchrole(['logout', '--json'], user.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { ended: string[]; cacheEntriesRemoved: string[] };
    expect([...out.ended].sort()).toEqual(['admin', 'cached-only', 'prod']);
    expect(out.cacheEntriesRemoved).toHaveLength(2);
    expect(await cache.get(mfaKey, 'fp')).toBeUndefined();
    expect(await cache.get({ kind: 'role-session', profile: 'cached-only' }, 'fp')).toBeUndefined();
    // The user's own section stays byte for byte; only touchrole's sections went.
    const after = readFileSync(credentialsFile, 'utf8');
    expect(managedSections(after)).toEqual([]);
    expect(after).toBe('[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n');
    expect(backend.log).toContain('logout');
    await ask();
    expect(backend.log.filter((c) => c === 'credentialProcess admin')).toHaveLength(2);
  });

  it('end with an uneditable credentials file: the cached copy is gone, the agent is told, the command fails and says why', async () => {
    const user = userWithSession();
    const { backend } = await agentFor(user);
    const cache = new SessionCache({ dir: touchrolePaths(user.env).cache, clock: systemClock });
    const expiration = Date.now() + 3600_000;
    await cache.put(
      { kind: 'role-session', profile: 'admin' },
      { kind: 'role-session', profile: 'admin', fingerprint: 'fp', accessKeyId: 'ASIAC', secretAccessKey: 's', sessionToken: 't', expiration },
    );
    expect(await cache.get({ kind: 'role-session', profile: 'admin' }, 'fp')).toBeDefined();
    const credentialsFile = join(user.awsDir, 'credentials');
    const broken = `${readFileSync(credentialsFile, 'utf8')}[unclosed\n`;
    writeFileSync(credentialsFile, broken); // touchrole refuses to edit a file it cannot parse

    const ended = await runTouchrole(['end', 'admin'], user.env);
    expect(ended.code).not.toBe(0);
    expect(ended.stderr).toContain('The cached copy of admin is gone');
    expect(ended.stderr).toContain(credentialsFile);
    expect(readFileSync(credentialsFile, 'utf8')).toBe(broken);
    expect(await cache.get({ kind: 'role-session', profile: 'admin' }, 'fp')).toBeUndefined();
    expect(backend.log).toContain('end admin');
  });

  it('an agent that accepts but never answers delays end by at most a few seconds, and end reports it', async () => {
    const user = userWithSession();
    const { server: silent } = await listenAsAgent(user.env['TOUCHROLE_AGENT_SOCKET'] ?? '', () => undefined); // authenticates, never answers
    cleanups.push(() => new Promise((r) => silent.close(r)));
    const started = Date.now();
    const ended = await runTouchrole(['end', 'admin'], user.env);
    expect(ended.code).not.toBe(0); // it may still serve the session from memory: the user must know
    expect(ended.stderr).toContain('the running agent did not confirm');
    expect(Date.now() - started).toBeLessThan(10_000); // the 5 s wait, plus start-up
    expect(managedSections(readFileSync(join(user.awsDir, 'credentials'), 'utf8'))).toEqual([]);
  });
});
