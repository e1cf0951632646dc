// SPDX-License-Identifier: MIT
// The packaged app carries the CLI: electron-builder puts the bundle and the launchers in
// resources/, the .deb links /usr/bin/touchrole, and the launcher really runs the bundle with the
// app's binary as Node (here a layout like the installed one, with node standing in for Electron).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const yaml = createRequire(resolve(ROOT, 'node_modules/app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('packaging: the CLI', () => {
  it('ships dist-bundle as resources/cli and the launchers as resources/bin', () => {
    expect(config['extraResources']).toEqual([
      { from: 'dist-bundle', to: 'cli', filter: ['**/*', '!**/*.map'] },
      { from: 'packaging/bin', to: 'bin' },
    ]);
  });

  it('keeps the runAsNode fuse on, which the launchers need, and the other hardening fuses', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('the .deb links /usr/bin/touchrole to the launcher and removes only its own link', () => {
    expect(config['linux']).toMatchObject({ executableName: 'touchrole-app' });
    expect(config['deb']).toMatchObject({ afterInstall: 'packaging/linux/after-install.sh', afterRemove: 'packaging/linux/after-remove.sh' });
    const install = readFileSync(join(ROOT, 'packaging/linux/after-install.sh'), 'utf8');
    expect(install).toContain("ln -sf '/opt/${sanitizedProductName}/resources/bin/touchrole' '/usr/bin/touchrole'");
    // electron-builder's own steps are kept: the app's link, chrome-sandbox, AppArmor.
    expect(install).toContain("'/opt/${sanitizedProductName}/${executable}'");
    expect(install).toContain('chrome-sandbox');
    expect(install).toContain('apparmor_parser');
    const remove = readFileSync(join(ROOT, 'packaging/linux/after-remove.sh'), 'utf8');
    expect(remove).toContain("rm -f '/usr/bin/touchrole'");
    for (const script of ['after-install.sh', 'after-remove.sh']) execFileSync('bash', ['-n', join(ROOT, 'packaging/linux', script)]);
  });

  it('the Windows launcher runs touchrole.exe as Node on resources\\cli\\touchrole.js, with CRLF line ends', () => {
    const cmd = readFileSync(join(ROOT, 'packaging/bin/touchrole.cmd'), 'utf8');
    expect(cmd.split('\r\n').length).toBeGreaterThan(5);
    expect(cmd.replace(/\r\n/g, '')).not.toContain('\n');
    expect(cmd).toContain('set "ELECTRON_RUN_AS_NODE=1"');
    expect(cmd).toContain('"%RES%\\..\\touchrole.exe" "%RES%\\cli\\touchrole.js" %*');
  });

  it.each([
    ['linux', 'touchrole-app'],
    ['macOS', 'MacOS/touchrole'],
  ])('the shell launcher, reached through a link as from /usr/bin, runs the bundle with the app binary as Node (%s layout)', (_layout, binary) => {
    const root = mkdtempSync(join(tmpdir(), 'touchrole-launcher-'));
    const res = join(root, 'app dir', 'resources');
    mkdirSync(join(res, 'bin'), { recursive: true });
    mkdirSync(join(res, 'cli'));
    copyFileSync(join(ROOT, 'packaging/bin/touchrole'), join(res, 'bin/touchrole'));
    chmodSync(join(res, 'bin/touchrole'), 0o755);
    writeFileSync(
      join(res, 'cli/touchrole.js'),
      'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), asNode: process.env.ELECTRON_RUN_AS_NODE, nodePath: process.env.NODE_PATH }));\n',
    );
    // node stands in for the app's Electron binary (it ignores ELECTRON_RUN_AS_NODE).
    mkdirSync(join(root, 'app dir', 'MacOS'));
    symlinkSync(process.execPath, join(root, 'app dir', binary));
    mkdirSync(join(root, 'usr-bin'));
    symlinkSync(join(res, 'bin/touchrole'), join(root, 'usr-bin/touchrole'));
    const out = execFileSync(join(root, 'usr-bin/touchrole'), ['credential-process', 'prod admin'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      argv: ['credential-process', 'prod admin'],
      asNode: '1',
      nodePath: `${res}/app.asar.unpacked/node_modules:${res}/app.asar/node_modules`,
    });
    expect(statSync(join(ROOT, 'packaging/bin/touchrole')).mode & 0o111).toBe(0o111);
  });

  it('the shell launcher says what is wrong when the app is incomplete', () => {
    const res = join(mkdtempSync(join(tmpdir(), 'touchrole-launcher-')), 'resources');
    mkdirSync(join(res, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'packaging/bin/touchrole'), join(res, 'bin/touchrole'));
    chmodSync(join(res, 'bin/touchrole'), 0o755);
    let stderr = '';
    try {
      execFileSync(join(res, 'bin/touchrole'), ['--help'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      stderr = String((e as { stderr: unknown }).stderr);
    }
    expect(stderr).toMatch(/the desktop app at .* is incomplete .*reinstall it/);
  });

  it("the CLI the app carries (dist-bundle/touchrole.js, npm run build) runs alone with the app's node_modules on NODE_PATH, without the emulators", () => {
    const bundle = join(ROOT, 'dist-bundle', 'touchrole.js');
    const text = readFileSync(bundle, 'utf8');
    expect(text).not.toContain('VirtualYubiKey');
    expect(text).not.toContain('startStsEmulator');
    // As in resources/cli: no node_modules beside or above it, only what NODE_PATH names.
    const cli = join(mkdtempSync(join(tmpdir(), 'touchrole-app-cli-')), 'cli');
    mkdirSync(join(cli, 'home'), { recursive: true });
    copyFileSync(bundle, join(cli, 'touchrole.js'));
    const env = { PATH: process.env['PATH'], HOME: join(cli, 'home'), NODE_PATH: join(ROOT, 'node_modules') };
    const run = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [join(cli, 'touchrole.js'), ...args], { env, encoding: 'utf8' });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version']).stdout).toBe(`touchrole ${version.version}\n`);
    const profiles = run(['profiles', '--json']);
    expect(profiles.status, profiles.stderr).toBe(0);
    expect(JSON.parse(profiles.stdout)).toMatchObject({ profiles: {} });
    const demo = run(['demo']);
    expect(demo.status).toBe(1);
    expect(demo.stderr).toContain('touchrole demo is not part of the desktop app');
  });
});
