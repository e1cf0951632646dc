// SPDX-License-Identifier: MIT
// What the benchmark needs on loopback, started by itself: pcscd (only if not running), moto_server
// on a free port, and the tools it compares. Everything it starts is stopped by PID.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const AWS_V2 = '/usr/bin/aws';

/** Checks every tool up front; returns the list of what is missing with how to get it. */
export function missingTools(repo) {
  const missing = [];
  const onPath = (cmd) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!existsSync(AWS_V2)) missing.push(`${AWS_V2} (AWS CLI v2: Debian package awscli, or scripts/setup.sh)`);
  else if (!/^aws-cli\/2\./.test(version(AWS_V2, ['--version']))) missing.push(`${AWS_V2} is not AWS CLI v2`);
  if (!onPath('ykman')) missing.push('ykman (Debian package yubikey-manager)');
  if (!onPath('moto_server')) missing.push("moto_server (pip install 'moto[server]')");
  if (!onPath('python3')) missing.push('python3 (the quick-ACK relay between the virtual key and vpcd)');
  if (!pcscdRunning() && !existsSync('/usr/sbin/pcscd')) missing.push('pcscd (Debian package pcscd, with vsmartcard-vpcd)');
  if (!existsSync(`${repo}/dist/src-emulators/virtual-yubikey/index.js`)) missing.push('dist/ (run npm run build)');
  return missing;
}

export function version(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim()
      .split('\n')[0];
  } catch (e) {
    return `unknown (${e.message.split('\n')[0]})`;
  }
}

function pcscdRunning() {
  try {
    execFileSync('pgrep', ['-x', 'pcscd'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts pcscd in the foreground as our child when none runs; returns a stop function. */
export async function ensurePcscd() {
  if (pcscdRunning()) return { started: false, stop: async () => undefined };
  const child = spawn('/usr/sbin/pcscd', ['-f'], { stdio: 'ignore' });
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    setTimeout(resolve, 1500); // vpcd's readers appear once pcscd has loaded its drivers
  });
  if (child.exitCode !== null) throw new Error(`pcscd exited at once (${child.exitCode}); is another instance or socket in the way?`);
  return { started: true, stop: () => stopChild(child) };
}

export async function startMoto() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-2000)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`moto_server at ${url} did not answer within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => stopChild(child) };
}

function stopChild(child) {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid, 'SIGTERM');
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
