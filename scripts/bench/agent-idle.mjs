// SPDX-License-Identifier: MIT
// f. The idle agent's memory (issue #12): the built `touchrole agent` as its own process, under a temp
// HOME of its own (socket, cache and state dirs inside it), with 10 touchrole sessions in its
// credentials file and the YubiKey watched through PC/SC (the bench's virtual key is in the reader).
// Two ways, two rows:
// - f: the built `touchrole agent` binary, whose clock is real, so the hour is replaced by 60 rounds
//   of the `status` and `sessions.list` requests a tray makes, each a superset of one idle minute's
//   work (the once-a-minute timeline tick) plus reading the credentials file, the cache and the
//   YubiKey over PC/SC.
// - f2: the same agent (startHeadlessAgent from dist/) in a process whose clock and timers are
//   simulated (agent-hour-process.mjs): 60 simulated minutes, each firing whatever timers fell due
//   and then the same two requests; the timers that fired are counted.
// Then the agent sits idle for 5 s of real time, and its resident memory (VmRSS), peak (VmHWM) and
// the CPU it used while idle are read from /proc.
import { fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const MIN = 60_000;
const CALL_MS = 10_000;

export async function agentIdleMemory(ctx, { sessions = 10, minutes = 60, idleMs = 5000, simulated = false } = {}) {
  const { upsertManagedSection } = require(join(ctx.repo, 'dist/src-shared/aws-ini'));
  const { AgentConnection } = require(join(ctx.repo, 'dist/src-main/core/agent'));
  const home = mkdtempSync(join(tmpdir(), 'touchrole-bench-agent-'));
  let agent;
  let client;
  try {
    const awsDir = join(home, '.aws');
    mkdirSync(awsDir, { mode: 0o700 });
    let credentials = '';
    // Far from expiry: 2 h and more, so no warning falls in the hour.
    for (let i = 0; i < sessions; i++) {
      const session = { accessKeyId: `ASIABENCHIDLE${String(i).padStart(7, '0')}`, secretAccessKey: 'bench-secret', sessionToken: `bench-token-${i}` };
      credentials = upsertManagedSection(credentials, `idle${i}-touchrole`, { ...session, expiresAt: Date.now() + 120 * MIN + i * MIN });
    }
    writeFileSync(join(awsDir, 'credentials'), credentials, { mode: 0o600 });
    writeFileSync(join(awsDir, 'config'), '', { mode: 0o600 });
    const socketPath = join(home, 'agent.sock');
    const env = {
      ...ctx.scenario.env,
      HOME: home,
      TOUCHROLE_AGENT_SOCKET: socketPath,
      TOUCHROLE_CACHE_DIR: join(home, 'cache'),
      TOUCHROLE_STATE_DIR: join(home, 'state'),
    };
    agent = simulated
      ? fork(join(ctx.repo, 'scripts/bench/agent-hour-process.mjs'), [ctx.repo], { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
      : spawn(process.execPath, [ctx.bin, 'agent'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    agent.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-2000)));
    const advance = simulated ? simulatedTime(agent, () => stderr) : undefined;
    if (advance) await advance.ready;
    client = await connect(AgentConnection, socketPath, agent, () => stderr);
    await client.call('subscribe', {}, CALL_MS);
    const first = await client.call('status', {}, CALL_MS);
    if (first.yubikey !== 'ready') throw new Error(`the agent sees the YubiKey as "${first.yubikey}", not ready`);
    let timersFired = 0;
    for (let i = 0; i < minutes; i++) {
      if (advance) timersFired += await advance.by(MIN);
      await client.call('status', {}, CALL_MS);
      const listed = (await client.call('sessions.list', {}, CALL_MS)).sessions;
      if (listed.length !== sessions) throw new Error(`the agent lists ${listed.length} sessions, not ${sessions}`);
    }
    const cpuBefore = cpuMs(agent.pid);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const idleCpuMs = cpuMs(agent.pid) - cpuBefore;
    const status = readFileSync(`/proc/${agent.pid}/status`, 'utf8');
    const peakMb = kbField(status, 'VmHWM') / 1024;
    const after = simulated
      ? `after ${minutes} minutes of simulated time (its clock and timers; ${timersFired} timer firings, one status + sessions.list a minute)`
      : `after ${minutes} rounds of status + sessions.list (real clock, see scripts/bench/agent-idle.mjs)`;
    const what =
      `${simulated ? 'the agent of `touchrole agent` (startHeadlessAgent) in a process with a simulated clock:' : '`touchrole agent`'} resident memory (VmRSS) with ${sessions} sessions, ${after} and ${idleMs / 1000} s idle ` +
      `(CPU used then: ${idleCpuMs} ms; peak RSS ${peakMb.toFixed(1)} MB)`;
    if (simulated && timersFired > minutes) throw new Error(`the idle agent's timers fired ${timersFired} times in ${minutes} simulated minutes`);
    return { what, sessions, minutes, idleMs, idleCpuMs, timersFired, rssMb: kbField(status, 'VmRSS') / 1024, peakMb };
  } finally {
    client?.close();
    if (agent && agent.exitCode === null) await stop(agent);
    rmSync(home, { recursive: true, force: true });
  }
}

/** The simulated agent's clock, driven over the fork channel. */
function simulatedTime(child, stderr) {
  const replies = [];
  const waiting = [];
  child.on('message', (m) => (waiting.length ? waiting.shift()(m) : replies.push(m)));
  const next = () =>
    new Promise((resolve, reject) => {
      if (replies.length) return resolve(replies.shift());
      const timer = setTimeout(() => reject(new Error(`the simulated agent did not answer within 15 s: ${stderr()}`)), 15_000);
      waiting.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  const expect = async (key) => {
    const m = await next();
    if (!m?.[key]) throw new Error(`the simulated agent answered ${JSON.stringify(m)}: ${stderr()}`);
    return m;
  };
  return {
    ready: expect('ready'),
    by: async (ms) => {
      child.send({ advanceMs: ms });
      return (await expect('advanced')).fired;
    },
  };
}

async function connect(AgentConnection, socketPath, agent, stderr) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (agent.exitCode !== null) throw new Error(`touchrole agent exited with ${agent.exitCode}: ${stderr()}`);
    const client = await AgentConnection.open({ socketPath });
    if (client) return client;
    if (Date.now() > deadline) throw new Error(`touchrole agent did not answer on ${socketPath} within 15 s: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function kbField(status, name) {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${name} in /proc/<agent>/status`);
  return Number(m[1]);
}

/** User + system CPU time of a process, from /proc/<pid>/stat (in clock ticks of 10 ms). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
