// SPDX-License-Identifier: MIT
// runChild with real child processes and injected signal sources.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runChild } from '../../../src-main/core/delivery';

const waitForSignals =
  "for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => { console.log(s); process.exit(s === 'SIGINT' ? 10 : 20); });" +
  'setTimeout(() => process.exit(3), 1500);';

/** Emits `signal` on the fake process once the child has had time to install its handlers. */
function later(signals: EventEmitter, signal: string): void {
  setTimeout(() => signals.emit(signal), 500);
}

describe('runChild', () => {
  it('forwards SIGTERM; with a terminal, SIGINT is left to the terminal (it reached the child already)', async () => {
    const signals = new EventEmitter();
    later(signals, 'SIGINT');
    // Not forwarded: the child runs to its own exit code.
    expect(await runChild(process.execPath, ['-e', waitForSignals], { env: process.env, terminal: true, signals })).toBe(3);
    later(signals, 'SIGTERM');
    expect(await runChild(process.execPath, ['-e', waitForSignals], { env: process.env, terminal: true, signals })).toBe(20);
    later(signals, 'SIGINT');
    expect(await runChild(process.execPath, ['-e', waitForSignals], { env: process.env, terminal: false, signals })).toBe(10);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('maps a death by signal to 128 + its number, and a missing command to one clear error', async () => {
    expect(await runChild(process.execPath, ['-e', "process.kill(process.pid, 'SIGTERM')"], { env: process.env, terminal: false })).toBe(128 + 15);
    await expect(runChild('touchrole-no-such-command', [], { env: process.env, terminal: false })).rejects.toMatchObject({
      code: 'command-not-found',
      message: 'command not found: "touchrole-no-such-command"',
    });
  });
});
