// SPDX-License-Identifier: MIT
import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../../src-shared/time/clock';

/** What a command may touch of the outside world; injected so commands run in tests. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  clock: Clock;
}

/**
 * The process's own context. stdin is created on first use: only a few commands read it, and
 * creating it costs every start a stream (and for a file or /dev/null, node's file streams).
 */
export function processContext(clock: Clock): CliContext {
  return {
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    clock,
  };
}

/** A command's result: `text` for people, `json` for `--json` (stable field names). */
export interface CommandOutput {
  text: string;
  json: unknown;
  /** Pre-serialised JSON when plain JSON.stringify would reorder keys (profile maps). */
  jsonText?: string;
  /** touchrole's exit code when not 0 for success (exec: the child's). */
  exitCode?: number;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values: strings, booleans, or arrays of them for `multiple` options. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandInput {
  positionals: string[];
  values: OptionValues;
  /** With `afterDashes`: the words after the first `--`, untouched (a command and its arguments). */
  command?: string[];
}

export interface CommandDef {
  /** Words after `touchrole`, e.g. ['yubikey', 'code']. */
  path: string[];
  /** Positional arguments as shown in usage, e.g. '<profile>'. */
  args: string;
  summary: string;
  /** Extra help lines (what it does, which options). */
  help: string[];
  examples: string[];
  options: OptionSpec;
  /** Number of positionals accepted: [min, max]. */
  positionals: [number, number];
  /** The positional may start with '-' (an encoded message): a word that is none of the options is taken as it. */
  dashedPositional?: boolean;
  /** Everything after the first `--` belongs to another program: not parsed, not scanned for --help or --json. */
  afterDashes?: boolean;
  /** For shell completions: values of options, and fixed words for the first positional (default: profile names when args is <profile>). */
  completion?: { values?: Record<string, readonly string[]>; positional?: readonly string[] };
  run(input: CommandInput, ctx: CliContext): Promise<CommandOutput>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
