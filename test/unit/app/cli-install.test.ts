// SPDX-License-Identifier: MIT
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCli } from '../../../src-main/app/cli-install';
import { TouchroleError } from '../../../src-shared/errors';

const dirs = (): { resources: string; linkDir: string } => {
  const root = mkdtempSync(join(tmpdir(), 'touchrole-cli-install-'));
  mkdirSync(join(root, 'bin'));
  return { resources: root, linkDir: join(root, 'usr-local-bin') };
};

describe('install command-line tool: macOS', () => {
  it("links /usr/local/bin/touchrole to the app's launcher, and again is a no-op", async () => {
    const { resources, linkDir } = dirs();
    mkdirSync(linkDir);
    expect(await installCli({ platform: 'darwin', resourcesPath: resources, linkDir })).toContain('now runs the touchrole CLI');
    expect(readlinkSync(join(linkDir, 'touchrole'))).toBe(join(resources, 'bin', 'touchrole'));
    expect(await installCli({ platform: 'darwin', resourcesPath: resources, linkDir })).toContain('already points to this app');
  });

  it('replaces a link to an older copy of the app, never a real file', async () => {
    const { resources, linkDir } = dirs();
    mkdirSync(linkDir);
    symlinkSync('/Applications/Old touchrole.app/Contents/Resources/bin/touchrole', join(linkDir, 'touchrole'));
    await installCli({ platform: 'darwin', resourcesPath: resources, linkDir });
    expect(readlinkSync(join(linkDir, 'touchrole'))).toBe(join(resources, 'bin', 'touchrole'));
    const other = join(resources, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'touchrole'), '#!/bin/sh\n# a touchrole the user installed another way\n');
    const taken = await installCli({ platform: 'darwin', resourcesPath: resources, linkDir: other }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(TouchroleError);
    expect((taken as TouchroleError).message).toBe(`${join(other, 'touchrole')} exists and is not a link touchrole made; it was left alone`);
    expect(readFileSync(join(other, 'touchrole'), 'utf8')).toContain('another way');
  });

  it('says exactly what to run when it cannot write there', async () => {
    const { resources, linkDir } = dirs();
    writeFileSync(join(linkDir + '-file'), '');
    const e = await installCli({ platform: 'darwin', resourcesPath: resources, linkDir: join(linkDir + '-file', 'bin') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TouchroleError);
    expect((e as TouchroleError).code).toBe('cli-install-failed');
    expect((e as TouchroleError).hint).toBe(
      `In Terminal: sudo mkdir -p ${join(linkDir + '-file', 'bin')} && ` +
        `sudo ln -sf '${join(resources, 'bin', 'touchrole')}' '${join(linkDir + '-file', 'bin', 'touchrole')}'`,
    );
  });
});

describe('install command-line tool: Windows', () => {
  it("adds the launcher's folder to the user's Path, the folder passed as data, not in the script", async () => {
    const { resources } = dirs();
    const runs: { script: string; env: Record<string, string> }[] = [];
    const said = await installCli({
      platform: 'win32',
      resourcesPath: resources,
      runPowerShell: (script, env) => (runs.push({ script, env }), Promise.resolve()),
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.env).toEqual({ TOUCHROLE_CLI_DIR: join(resources, 'bin') });
    expect(runs[0]?.script).not.toContain(resources);
    expect(runs[0]?.script).toContain("SetEnvironmentVariable('Path'");
    expect(runs[0]?.script).toContain("'User'");
    expect(said).toContain('touchrole.cmd');
  });

  it('a PowerShell failure becomes a message with the manual way', async () => {
    const { resources } = dirs();
    const e = await installCli({ platform: 'win32', resourcesPath: resources, runPowerShell: () => Promise.reject(new Error('blocked by policy')) }).catch(
      (x: unknown) => x,
    );
    expect((e as TouchroleError).code).toBe('cli-install-failed');
    expect((e as TouchroleError).hint).toContain('Environment Variables');
  });
});
