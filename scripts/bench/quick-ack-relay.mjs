// SPDX-License-Identifier: MIT
// Starts quick-ack-relay.py (why: its docstring) and resolves with the port the virtual key connects to instead of vpcd's.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./quick-ack-relay.py', import.meta.url));

export function startQuickAckRelay(vpcdPort) {
  const child = spawn('python3', [SCRIPT, String(vpcdPort)], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the quick-ACK relay exited (${code}) before it listened`)));
    child.stdout.on('data', (d) => {
      out += d;
      const port = Number(out.trim());
      if (!out.includes('\n') || !Number.isInteger(port)) return;
      child.removeAllListeners('exit');
      resolve({
        port,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.stdin.end();
          }),
      });
    });
  });
}
