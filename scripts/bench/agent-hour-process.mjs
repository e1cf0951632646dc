// SPDX-License-Identifier: MIT
// The agent of `touchrole agent` (startHeadlessAgent from dist/, the same prompter and log) in a
// process of its own, whose clock and timers are simulated: the parent (agent-idle.mjs) sends
// { advanceMs } over the fork channel, and every timer due by then fires in order at its due
// time, as ManualTimers does in the unit tests. Everything else is real: the socket, the files,
// PC/SC. Replies { ready, socketPath } once listening, then { advanced, fired } per step.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const repo = process.argv[2];
const { startHeadlessAgent } = require(join(repo, 'dist/src-main/core/service'));
const { createTouchPrompter } = require(join(repo, 'dist/src-main/core/prompt'));

let now = Date.now();
const clock = { now: () => now };
const pending = new Map();
let nextId = 1;
const timers = {
  setTimeout(fn, ms) {
    const id = nextId++;
    pending.set(id, { at: now + ms, fn });
    return id;
  },
  clearTimeout(id) {
    pending.delete(id);
  },
};

/** Lets the work a timer started (file reads, socket writes) finish before the next one fires. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function advance(ms) {
  const end = now + ms;
  let fired = 0;
  for (;;) {
    const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
    if (due === undefined) break;
    pending.delete(due[0]);
    now = Math.max(now, due[1].at);
    fired++;
    due[1].fn();
    for (let i = 0; i < 5; i++) await settle();
  }
  now = end;
  return fired;
}

const agent = await startHeadlessAgent({
  env: process.env,
  clock,
  timers,
  alsoPrompt: createTouchPrompter({ env: process.env, platform: process.platform }),
  log: (line) => process.stderr.write(`touchrole agent: ${line}\n`),
});
process.on('message', (m) => {
  if (m && typeof m.advanceMs === 'number')
    advance(m.advanceMs).then(
      (fired) => process.send({ advanced: true, fired }),
      (e) => process.send({ error: e.message }),
    );
});
process.once('SIGTERM', () => agent.close().then(() => process.exit(0)));
process.send({ ready: true, socketPath: agent.socketPath });
