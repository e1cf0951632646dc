// SPDX-License-Identifier: MIT
// The CLI side of exec/export/completion that needs no session: argument handling after `--`,
// usage errors before any touch, and the profile list the completion scripts ask for.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess } from '../../support/in-process-cli';

const cli = (argv: string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof cliInProcess> => cliInProcess(argv, env);

describe('touchrole exec: arguments', () => {
  it('leaves --help and --json after -- to the command', async () => {
    // Inside an exec child, exec is refused before any session: what it did with the words shows.
    const r = await cli(['exec', 'prod', '--', 'aws', '--help', '--json'], { TOUCHROLE_PROFILE: 'outer' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^touchrole: already inside "touchrole exec" for profile outer/);
  });

  it('reads its own --json before --', async () => {
    const r = await cli(['exec', 'prod', '--json', '--', 'aws'], { TOUCHROLE_PROFILE: 'outer' });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'exec-nested' } });
  });

  it('is a usage error without a command', async () => {
    for (const argv of [
      ['exec', 'prod'],
      ['exec', 'prod', '--'],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no command to run');
    }
  });

  it("still passes -- through to the other commands' parser", async () => {
    const r = await cli(['status', '--', 'x']);
    expect(r.code).toBe(2);
    // After --, "--json" is a word, not the flag: the usage error is text, and stdout stays empty.
    const words = await cli(['status', '--', '--json']);
    expect([words.code, words.stdout]).toEqual([2, '']);
    expect(words.stderr).toMatch(/^touchrole: /);
  });
});

describe('touchrole export and completion: usage', () => {
  it('an unknown format is a usage error listing the valid ones', async () => {
    const r = await cli(['export', 'prod', '--format', 'bash']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown export format "bash" (use --format process|env|env-no-export|powershell|windows-cmd|fish)');
  });

  it('completion needs a known shell', async () => {
    expect((await cli(['completion'])).code).toBe(2);
    const r = await cli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash|zsh|fish');
  });

  it('prints a script for each shell with every command', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await cli(['completion', shell]);
      expect(r.code, r.stderr).toBe(0);
      for (const word of ['exec', 'export', 'elevate', 'rotate', 'completion', 'server', 'format', 'windows-cmd'])
        expect(r.stdout, `${shell}: ${word}`).toContain(word);
    }
  });

  it("--profiles lists the config's profiles, without touchrole's sessions or names a shell would expand", async () => {
    const home = mkdtempSync(join(tmpdir(), 'touchrole-completion-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n[profile prod-admin]\nregion = x\n[profile $(evil)]\nregion = x\n');
    writeFileSync(join(home, '.aws', 'credentials'), '[dev]\naws_access_key_id = A\naws_secret_access_key = B\n');
    const r = await cli(['completion', '--profiles'], { HOME: home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['default', 'dev', 'prod-admin']);
  });
});
