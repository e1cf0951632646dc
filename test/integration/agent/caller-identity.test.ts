// SPDX-License-Identifier: MIT
// The agent serves a CLI caller only what the caller's own environment resolves the profile to;
// otherwise it declines and the built CLI elevates by itself (here against moto_server). Agent
// answers that are not the user's (protocol mismatch, malformed) also fall back; a user error is reported.
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCaller } from '../../../src-shared/agent-protocol';
import { systemClock } from '../../../src-shared/time/clock';
import { askAgent, runAgent, tryAgent } from '../../../src-main/core/agent';
import { agentCaller, callerIdentity } from '../../../src-main/core/sessions';
import { makeTempUser, runTouchrole, type TempUser } from '../../support/cli-harness';
import { listenAsAgent } from '../../support/fake-agent-socket';
import { createAssumableRoles, MOTO_ACCOUNT, MOTO_KEYS, startMoto, type Moto } from '../../support/moto';
import { FakeBackend } from '../../support/fake-backend';

const ACCOUNT = MOTO_ACCOUNT;
const CONFIG =
  `[profile admin]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Admin\nsource_profile = dev\n\n` +
  `[profile locked]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/Admin\nsource_profile = dev\n`;
const CREDENTIALS = `[dev]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`;

let moto: Moto;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  moto = await startMoto();
  await createAssumableRoles(moto, ['Admin', 'NewAdmin'], { existingIsFine: true });
}, 60_000);
afterAll(() => moto?.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function newUser(): TempUser {
  const env = { AWS_ENDPOINT_URL_STS: moto.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const user = makeTempUser({ config: CONFIG, credentials: CREDENTIALS }, env);
  cleanups.push(() => rm(user.home, { recursive: true, force: true }));
  return user;
}

/** What the CLI run with `env` sends as its caller (settings defaults: 1 h). */
async function callerOf(env: NodeJS.ProcessEnv, profile = 'admin'): Promise<AgentCaller> {
  return agentCaller(await callerIdentity(env, profile, { defaultDurationSeconds: 3600 }));
}

/** A fake agent on the user's socket that resolves profiles as `env` does. */
async function agentFor(user: TempUser, env: NodeJS.ProcessEnv = user.env, profile = 'admin'): Promise<FakeBackend> {
  const backend = new FakeBackend({ clock: systemClock });
  backend.own = await callerOf(env, profile);
  const agent = await runAgent({ backend, clock: systemClock, socketPath: user.env['TOUCHROLE_AGENT_SOCKET'] ?? '' });
  cleanups.push(() => agent.close());
  return backend;
}

/** One request to the fake agent on the user's socket, as the CLI would send it. */
function ask(user: TempUser, params: { profile: string; caller?: AgentCaller }, fallBack = false) {
  const options = { socketPath: user.env['TOUCHROLE_AGENT_SOCKET'] ?? '', timeoutMs: 5000 };
  return fallBack ? askAgent({ method: 'credentialProcess', params }, options) : tryAgent({ method: 'credentialProcess', params }, options);
}

async function credentialProcess(env: NodeJS.ProcessEnv, profile = 'admin'): Promise<{ code: number; stderr: string; accessKeyId?: string }> {
  const r = await runTouchrole(['credential-process', profile], env);
  return { code: r.code, stderr: r.stderr, ...(r.code === 0 ? { accessKeyId: (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId } : {}) };
}

const refusal = (message: string) => (id: unknown) => ({ v: 1, id, ok: false, error: { code: 'agent-protocol', message } });

describe('the agent and the caller’s environment', () => {
  it('serves a caller that resolves the profile as the agent does', async () => {
    const user = newUser();
    const backend = await agentFor(user);
    const r = await credentialProcess(user.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.accessKeyId).toBe('ASIAADMIN');
    expect(backend.log).toEqual(['credentialProcess admin']);
  });

  it('declines a caller with another AWS_CONFIG_FILE: the CLI elevates by itself (moto), the agent is not used', async () => {
    const user = newUser();
    const backend = await agentFor(user);
    const other = join(user.home, 'other-config');
    writeFileSync(other, CONFIG);
    const env = { ...user.env, AWS_CONFIG_FILE: other };
    const declined = await ask(user, { profile: 'admin', caller: await callerOf(env) }).catch((e: unknown) => e);
    expect(declined).toMatchObject({ code: 'agent-declined', message: expect.stringContaining(other) as unknown });

    const r = await credentialProcess(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.accessKeyId).toMatch(/^ASIA/);
    expect(r.accessKeyId).not.toBe('ASIAADMIN');
    expect(backend.log).toEqual([]);
  });

  it('after role_arn is edited, an agent still seeing the old profile declines; once it sees the edit it does not serve from memory', async () => {
    const user = newUser();
    const backend = await agentFor(user);
    expect((await credentialProcess(user.env)).accessKeyId).toBe('ASIAADMIN');
    expect((await credentialProcess(user.env)).accessKeyId).toBe('ASIAADMIN'); // from the agent's memory
    expect(backend.log).toEqual(['credentialProcess admin']);

    const config = join(user.awsDir, 'config');
    const edited = readFileSync(config, 'utf8').replace(
      'role/Admin\nsource_profile = dev\n\n[profile locked]',
      'role/NewAdmin\nsource_profile = dev\n\n[profile locked]',
    );
    writeFileSync(config, edited);
    const local = await credentialProcess(user.env);
    expect(local.code, local.stderr).toBe(0);
    expect(local.accessKeyId).not.toBe('ASIAADMIN');
    expect(backend.log).toEqual(['credentialProcess admin']);

    // The CLI's own cache now holds the new role's session: served without the agent.
    expect((await credentialProcess(user.env)).accessKeyId).toBe(local.accessKeyId);
    // The agent now reads the edited config too: it fetches again instead of serving what it holds.
    backend.own = await callerOf(user.env);
    expect((await ask(user, { profile: 'admin', caller: await callerOf(user.env) }))?.AccessKeyId).toBe('ASIAADMIN');
    expect(backend.log).toEqual(['credentialProcess admin', 'credentialProcess admin']);
  });

  it('a caller that sends no identity (an older CLI) is served from the agent’s environment, as before', async () => {
    const user = newUser();
    await agentFor(user);
    const out = await ask(user, { profile: 'admin' });
    expect(out?.AccessKeyId).toBe('ASIAADMIN');
  });

  it('a user error from the agent is reported, not retried locally', async () => {
    const user = newUser();
    await agentFor(user, user.env, 'locked');
    const r = await credentialProcess(user.env, 'locked');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/OATH applet is locked/);
    await expect(ask(user, { profile: 'locked', caller: await callerOf(user.env, 'locked') }, true)).rejects.toMatchObject({ code: 'oath-locked' });
  });

  it.each([
    ['a protocol mismatch', refusal('unsupported agent protocol version 1; this agent speaks 2')],
    ['an older agent refusing the caller field', refusal('credentialProcess: unexpected field "caller"')],
    ['a malformed answer', (id: unknown) => ({ v: 1, id, ok: true, result: { Version: 1, AccessKeyId: 'ASIABROKEN' } })],
    ['another protocol version', (id: unknown) => ({ v: 2, id, ok: true, result: {} })],
  ])('falls back to the local path on %s', async (_, answer) => {
    const user = newUser();
    const { server } = await listenAsAgent(user.env['TOUCHROLE_AGENT_SOCKET'] ?? '', answer);
    cleanups.push(() => new Promise((r) => server.close(r)));
    const r = await credentialProcess(user.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.accessKeyId).toMatch(/^ASIA/);
    expect(r.accessKeyId).not.toBe('ASIABROKEN');
  });

  it('refuses a process on the socket that cannot prove the agent key: asks it nothing, elevates locally', async () => {
    const user = newUser();
    const served = { Version: 1, AccessKeyId: 'ASIAIMPOSTOR', SecretAccessKey: 's', SessionToken: 't', Expiration: '2099-01-01T00:00:00Z' };
    const impostor = await listenAsAgent(user.env['TOUCHROLE_AGENT_SOCKET'] ?? '', (id) => ({ v: 1, id, ok: true, result: served }), { impostor: true });
    cleanups.push(() => new Promise((r) => impostor.server.close(r)));
    const r = await credentialProcess(user.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.accessKeyId).toMatch(/^ASIA/);
    expect(r.accessKeyId).not.toBe('ASIAIMPOSTOR');
    expect(impostor.requests).toEqual([]);
  });
});
