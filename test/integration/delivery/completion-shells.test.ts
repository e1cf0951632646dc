// SPDX-License-Identifier: MIT
// The completion scripts run by bash, zsh and fish: commands, subcommands, flags, --format's
// values and profile names (asked of the built `touchrole completion --profiles`).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess, runTouchrole, TOUCHROLE_BIN } from '../../support/cli-harness';

let home: string;
let env: NodeJS.ProcessEnv;
const scripts = new Map<string, string>();

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'touchrole-completion-'));
  mkdirSync(join(home, '.aws'));
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, '.aws', 'config'), '[profile prod-admin]\nregion = eu-west-1\n[profile prod-read]\nregion = eu-west-1\n[profile dev]\n');
  // `touchrole` on PATH, as an installed one would be.
  writeFileSync(join(home, 'bin', 'touchrole'), `#!/bin/sh\nexec "${process.execPath}" "${TOUCHROLE_BIN}" "$@"\n`);
  chmodSync(join(home, 'bin', 'touchrole'), 0o755);
  env = {
    PATH: `${join(home, 'bin')}:${process.env['PATH'] ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
  };
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await runTouchrole(['completion', shell], env);
    if (r.code !== 0) throw new Error(r.stderr);
    writeFileSync(join(home, `completion.${shell}`), r.stdout);
    scripts.set(shell, join(home, `completion.${shell}`));
  }
});

// [words typed so far (the last one is being completed), what must be offered]
const CASES: Array<[string[], string[]]> = [
  [['ex'], ['exec', 'export']],
  [
    ['keys', 'r'],
    ['remove', 'rotate'],
  ],
  [
    ['exec', 'prod'],
    ['prod-admin', 'prod-read'],
  ],
  [
    ['export', 'prod-admin', '--format', 'env'],
    ['env', 'env-no-export'],
  ],
  [['exec', 'prod-admin', '--s'], ['--server']],
  [['completion', 'z'], ['zsh']],
];

const has = (shell: string): boolean => existsSync(`/usr/bin/${shell}`) || existsSync(`/bin/${shell}`);

async function complete(shell: string, words: string[]): Promise<string[]> {
  const script = scripts.get(shell) ?? '';
  const all = ['touchrole', ...words];
  let program: string[];
  if (shell === 'bash') {
    const arr = all.map((w) => `'${w}'`).join(' ');
    program = ['--norc', '-c', `source '${script}'; COMP_WORDS=(${arr}); COMP_CWORD=${all.length - 1}; _touchrole; printf '%s\\n' "\${COMPREPLY[@]}"`];
  } else if (shell === 'zsh') {
    // Outside a completion widget, compadd and compdef are stubbed: the function's own logic runs.
    const arr = all.map((w) => `'${w}'`).join(' ');
    program = [
      '-f',
      '-c',
      'compadd() { shift; local w; for w in "$@"; do [[ "$w" == "$cur"* ]] && print -r -- "$w"; done; }; compdef() { :; }; ' +
        `source '${script}'; words=(${arr}); CURRENT=${all.length}; _touchrole; true`,
    ];
  } else {
    program = ['--no-config', '-c', `source '${script}'; complete -C '${all.join(' ')}' | string replace -r '\\t.*' ''; true`];
  }
  const r = await runProcess(shell, program, env);
  if (r.code !== 0 || r.stderr !== '') throw new Error(`${shell} failed (${r.code}): ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe.each(['bash', 'zsh', 'fish'])('touchrole completion %s', (shell) => {
  if (!has(shell)) console.warn(`SKIPPED: completion in ${shell}: ${shell} is not installed (scripts/setup.sh installs it)`);
  it.skipIf(!has(shell)).each(CASES)('%j', async (words, expected) => {
    const offered = await complete(shell, words);
    for (const e of expected) expect(offered, `${shell}: ${words.join(' ')}`).toContain(e);
    expect(offered.every((o) => o.startsWith(words.at(-1) ?? ''))).toBe(true);
  });
});
