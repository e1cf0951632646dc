// SPDX-License-Identifier: MIT
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandDef, CommandInput } from '../../../src-main/cli/command';
import { dispatch } from '../../../src-main/cli/dispatch';
import { ManualClock } from '../../../src-shared/time/clock';

// An encoded authorization message is base64url: one in 64 starts with '-' (CI once drew one).
function commandSeeing(dashedPositional: boolean): { def: CommandDef; seen: CommandInput[] } {
  const seen: CommandInput[] = [];
  const def: CommandDef = {
    path: ['decode'],
    args: '<encoded-message>',
    summary: 'test',
    help: [],
    examples: [],
    options: { profile: { type: 'string', short: 'p' } },
    positionals: [1, 1],
    dashedPositional,
    run: async (input) => {
      seen.push(input);
      return { text: 'ok', json: {} };
    },
  };
  return { def, seen };
}

async function run(def: CommandDef, argv: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ctx = { env: {}, stdin: new PassThrough(), stdout: new PassThrough(), stderr, clock: new ManualClock(0) };
  const code = await dispatch(argv, ctx, [{ path: def.path, summary: def.summary, load: async () => def }]);
  return { code, stderr: err };
}

describe('a positional that starts with "-"', () => {
  it.each([
    [['decode', '-Qx9_a', '--profile', 'prod'], '-Qx9_a'],
    [['decode', '--profile', 'prod', '-Qx9_a'], '-Qx9_a'],
    [['decode', '--profile=prod', '--Qx9'], '--Qx9'],
    [['decode', '-p', 'prod', '-Qx9_a', '--json'], '-Qx9_a'],
    [['decode', '--profile', 'prod', '--', '-Qx9_a'], '-Qx9_a'],
  ])('%j: the word is the positional, the options still parse', async (argv, message) => {
    const { def, seen } = commandSeeing(true);
    const r = await run(def, argv);
    expect(r.code, r.stderr).toBe(0);
    expect(seen[0]?.positionals).toEqual([message]);
    expect(seen[0]?.values['profile']).toBe('prod');
  });

  it('two such words are still too many positionals', async () => {
    const { def, seen } = commandSeeing(true);
    const r = await run(def, ['decode', '-a', '-b']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('usage: touchrole decode <encoded-message>');
    expect(seen).toEqual([]);
  });

  it('a command without the flag still refuses an unknown option', async () => {
    const { def, seen } = commandSeeing(false);
    const r = await run(def, ['decode', '-Qx9_a']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("Unknown option '-Q'");
    expect(seen).toEqual([]);
  });
});
