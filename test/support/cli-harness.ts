// SPDX-License-Identifier: MIT
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const TOUCHROLE_BIN = join(REPO, 'bin', 'touchrole.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** An isolated user: a temp HOME with ~/.aws files, its own keychain service and touchrole dirs. */
export interface TempUser {
  home: string;
  env: NodeJS.ProcessEnv;
  awsDir: string;
}

export function makeTempUser(files: { config?: string; credentials?: string } = {}, extraEnv: NodeJS.ProcessEnv = {}): TempUser {
  const home = mkdtempSync(join(tmpdir(), 'touchrole-user-'));
  const awsDir = join(home, '.aws');
  mkdirSync(awsDir, { mode: 0o700 });
  if (files.config !== undefined) writeFileSync(join(awsDir, 'config'), files.config, { mode: 0o600 });
  if (files.credentials !== undefined) writeFileSync(join(awsDir, 'credentials'), files.credentials, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    LANG: 'C.UTF-8',
    TOUCHROLE_KEYCHAIN_SERVICE: `touchrole-test-${home.split('-').pop() ?? 'x'}`,
    TOUCHROLE_AGENT_SOCKET: join(home, 'agent.sock'),
    ...(process.env['DBUS_SESSION_BUS_ADDRESS'] ? { DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'] } : {}),
    ...extraEnv,
  };
  return { home, env, awsDir };
}

/** Runs the built CLI as a user would (bin/touchrole.js), with stdin from `input`. */
export function runTouchrole(args: string[], env: NodeJS.ProcessEnv, input = '', timeoutMs = 60_000): Promise<CliRun> {
  return runProcess(process.execPath, [TOUCHROLE_BIN, ...args], env, input, timeoutMs);
}

export function runProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, input = '', timeoutMs = 60_000, cwd?: string): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    // detached: no controlling terminal, as when the AWS CLI runs credential_process from a GUI.
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], cwd: cwd ?? REPO, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} timed out after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? -1, stdout, stderr });
    });
    // A child that exits without reading stdin (a shell's -c script) closes the pipe: not an error of the run.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e);
    });
    child.stdin.end(input);
  });
}
