// SPDX-License-Identifier: MIT
// `touchrole exec` as a process parent: exit codes, signals, a missing command, nesting, and the
// --server endpoint's token check and lifetime, with a real session from moto and the virtual YubiKey.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection } from '../../src-main/core/agent';
import { runTouchrole, TOUCHROLE_BIN } from '../support/cli-harness';
import { spawnTouchrole, startExecWorld, type ExecWorld } from '../support/exec-world';

let world: ExecWorld;
let dir: string;

beforeAll(async () => {
  world = await startExecWorld(2);
  dir = mkdtempSync(join(tmpdir(), 'touchrole-exec-'));
  // One elevation (one touch) that every test below reuses from the cache.
  const first = await runTouchrole(['exec', 'role0', '--', process.execPath, '-e', ''], world.user.env, '', 120_000);
  if (first.code !== 0) throw new Error(`exec could not get a session: ${first.stderr}`);
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

const node = (code: string): string[] => [process.execPath, '-e', code];

describe('touchrole exec: the child process', () => {
  it("exits with the child's exit code, and 128 + the signal number when a signal ended it", async () => {
    expect((await runTouchrole(['exec', 'role0', '--', ...node('process.exit(7)')], world.user.env)).code).toBe(7);
    expect((await runTouchrole(['exec', 'role0', '--', ...node('process.exit(0)')], world.user.env)).code).toBe(0);
    expect((await runTouchrole(['exec', 'role0', '--', ...node("process.kill(process.pid, 'SIGKILL')")], world.user.env)).code).toBe(128 + 9);
  });

  it('passes arguments as given, with no shell', async () => {
    const r = await runTouchrole(
      ['exec', 'role0', '--', ...node('console.log(JSON.stringify(process.argv.slice(1)))'), '$HOME', '*', 'a b', '--help', '--json'],
      world.user.env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(['$HOME', '*', 'a b', '--help', '--json']);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('forwards %s to the child and waits for it', async (signal) => {
    const code =
      `process.on('${signal}', () => { console.log('got ${signal}'); setTimeout(() => process.exit(42), 500); });` +
      "console.log('ready'); setInterval(() => {}, 1000);";
    const run = spawnTouchrole(['exec', 'role0', '--', ...node(code)], world.user.env);
    await expect.poll(run.out, { timeout: 30_000 }).toContain('ready');
    run.child.kill(signal);
    expect(await run.exit).toBe(42);
    expect(run.out()).toContain(`got ${signal}`);
  });

  it('names a missing command in one line and exits non-zero', async () => {
    const r = await runTouchrole(['exec', 'role0', '--', 'no-such-command-touchrole', 'x'], world.user.env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('command not found: "no-such-command-touchrole"');
  });

  it('refuses exec inside exec unless --force', async () => {
    const inner = [process.execPath, TOUCHROLE_BIN, 'exec', 'role0'];
    const refused = await runTouchrole(['exec', 'role0', '--', ...inner, '--', ...node('process.exit(5)')], world.user.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already inside "touchrole exec" for profile role0.*--force/);
    const forced = await runTouchrole(['exec', 'role0', '--', ...inner, '--force', '--', ...node('process.exit(5)')], world.user.env);
    expect(forced.code, forced.stderr).toBe(5);
  });
});

describe('touchrole exec --server: the endpoint', () => {
  it('refuses a missing (401) or wrong (403) token, serves the right one, and is gone after the child exits', async () => {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      `const url = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, token = process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
(async () => {
  const get = async (headers) => { const r = await fetch(url, { headers }); return { status: r.status, body: await r.json() }; };
  const none = await get({}), right = await get({ Authorization: token });
  const wrong = await get({ Authorization: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') });
  console.log(JSON.stringify({ url, none: none.status, wrong: wrong.status, right: right.status, keys: Object.keys(right.body) }));
})().catch((e) => { console.error(String(e)); process.exit(9); });
`,
    );
    const r = await runTouchrole(['exec', 'role0', '--server', '--', process.execPath, probe], world.user.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { url: string; none: number; wrong: number; right: number; keys: string[] };
    expect([out.none, out.wrong, out.right]).toEqual([401, 403, 200]);
    expect(out.keys).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'RoleArn']);
    await expect(fetch(out.url)).rejects.toThrow();
  });
});

describe('touchrole exec with a running agent (the tray)', () => {
  it('is served by the agent, which lists the session like any other', async () => {
    const agent = spawnTouchrole(['agent'], world.user.env);
    try {
      await expect.poll(agent.out, { timeout: 15_000 }).toContain('agent listening on');
      // No MFA session left: role1 needs a touch, and the agent's touch event shows it was the agent that elevated
      // (exec asks an agent whose environment resolves profiles as its own does; the agent would decline another).
      const cacheDir = join(world.user.home, '.cache', 'touchrole');
      for (const name of readdirSync(cacheDir).filter((n) => n.startsWith('mfa-session.'))) rmSync(join(cacheDir, name));
      const watcher = await AgentConnection.open({ socketPath: world.user.env['TOUCHROLE_AGENT_SOCKET'] ?? '' });
      if (watcher === undefined) throw new Error('the agent is not reachable');
      const touches: string[] = [];
      watcher.onEvent((e) => e.event === 'touch' && touches.push(`${e.data.state} ${e.data.profile ?? ''}`));
      await watcher.call('subscribe', {}, 5000);
      const r = await runTouchrole(['exec', 'role1', '--', ...node('console.log(process.env.AWS_ACCESS_KEY_ID.slice(0, 4))')], world.user.env, '', 120_000);
      expect(r.code, r.stderr).toBe(0);
      await expect.poll(() => touches, { timeout: 2000 }).toContain('needed role1');
      watcher.close();
      expect(r.stdout.trim()).toBe('ASIA');
      const tray = await AgentConnection.open({ socketPath: world.user.env['TOUCHROLE_AGENT_SOCKET'] ?? '' });
      if (tray === undefined) throw new Error('the agent is not reachable');
      const listed = await tray.call('sessions.list', {}, 5000);
      tray.close();
      // role0 was served by exec alone (before the agent ran), role1 through the agent: both listed, neither written to a file.
      expect(listed.sessions.map((x) => x.profile).sort()).toEqual(['role0', 'role1']);
      expect(listed.sessions.every((x) => x.writtenProfile === undefined)).toBe(true);
    } finally {
      agent.child.kill('SIGTERM');
      await agent.exit;
    }
  });
});
