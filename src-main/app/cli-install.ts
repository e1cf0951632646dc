// SPDX-License-Identifier: MIT
import { execFile } from 'node:child_process';
import { lstat, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TouchroleError } from '../../src-shared/errors';

/** Runs a PowerShell script with extra environment variables (the data, never in the script). */
export type RunPowerShell = (script: string, env: Record<string, string>) => Promise<void>;

export interface CliInstallOptions {
  platform: NodeJS.Platform;
  /** process.resourcesPath of the packaged app: bin/ holds the launchers, cli/ the bundle. */
  resourcesPath: string;
  /** macOS: where the link goes (default /usr/local/bin, on PATH in every shell). */
  linkDir?: string;
  runPowerShell?: RunPowerShell;
}

const runPowerShell: RunPowerShell = async (script, env) => {
  await promisify(execFile)('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { env: { ...process.env, ...env }, windowsHide: true });
};

// Appends the folder to the user's Path (HKCU, no elevation) unless it is already there.
const ADD_TO_USER_PATH = [
  '$d = $env:TOUCHROLE_CLI_DIR',
  "$p = [Environment]::GetEnvironmentVariable('Path', 'User')",
  "if ($null -eq $p) { $p = '' }",
  "if (($p -split ';') -notcontains $d) { [Environment]::SetEnvironmentVariable('Path', (($p.TrimEnd(';') + ';' + $d).TrimStart(';')), 'User') }",
].join('; ');

/**
 * "Install command-line tool" (macOS and Windows; the .deb installs /usr/bin/touchrole itself):
 * macOS links /usr/local/bin/touchrole to the app's launcher, Windows adds the launcher's folder
 * to the user's Path. Returns what was done, for the confirmation dialog.
 */
export async function installCli(o: CliInstallOptions): Promise<string> {
  const binDir = join(o.resourcesPath, 'bin');
  if (o.platform === 'win32') {
    await (o.runPowerShell ?? runPowerShell)(ADD_TO_USER_PATH, { TOUCHROLE_CLI_DIR: binDir }).catch((e: unknown) => {
      throw new TouchroleError('cli-install-failed', `Could not add ${binDir} to your Path (${e instanceof Error ? e.message : 'PowerShell failed'})`, {
        hint: `Add ${binDir} to your user Path in System Properties > Environment Variables.`,
      });
    });
    return `${binDir} is on your Path: open a new terminal and run "touchrole --help". In credential_process, write touchrole.cmd.`;
  }
  const target = join(binDir, 'touchrole');
  const link = join(o.linkDir ?? '/usr/local/bin', 'touchrole');
  const manual = `In Terminal: sudo mkdir -p ${o.linkDir ?? '/usr/local/bin'} && sudo ln -sf '${target}' '${link}'`;
  const existing = await lstat(link).catch(() => undefined);
  if (existing !== undefined && !existing.isSymbolicLink()) {
    throw new TouchroleError('cli-install-failed', `${link} exists and is not a link touchrole made; it was left alone`, {
      hint: `Remove it, then try again, or: ${manual}`,
    });
  }
  try {
    if (existing !== undefined) {
      if ((await readlink(link)) === target) return `${link} already points to this app.`;
      await rm(link);
    }
    await symlink(target, link);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const denied = code === 'EACCES' || code === 'EPERM';
    throw new TouchroleError(
      'cli-install-failed',
      denied ? `touchrole may not write to ${o.linkDir ?? '/usr/local/bin'} (it needs an administrator)` : `Could not create ${link} (${code ?? 'error'})`,
      {
        hint: manual,
      },
    );
  }
  return `${link} now runs the touchrole CLI of this app: run "touchrole --help" in a new terminal.`;
}
