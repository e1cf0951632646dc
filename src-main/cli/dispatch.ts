// SPDX-License-Identifier: MIT
// Parsing and running one invocation against a list of commands: the full registry (main.ts,
// cli.js) or the session commands alone (session-entry.ts, session.js).
import { parseArgs } from 'node:util';
import { TouchroleError } from '../../src-shared/errors';
import { printableText } from '../../src-shared/printable';
import { systemClock } from '../../src-shared/time/clock';
import { type CliContext, type CommandDef, type OptionSpec, processContext } from './command';
import { EXIT_OK, failureLine, toFailure } from './exit-codes';
import { commandHelp, overview } from './help';
import type { RegistryEntry } from './registry-entry';
import { VERSION } from './version';

/** Runs one `touchrole` invocation with `commands` and returns its exit code. Never throws. */
export async function dispatch(argv: string[], ctx: CliContext, commands: readonly RegistryEntry[]): Promise<number> {
  // Words after `--` may be another program's (touchrole exec): never read as touchrole's flags.
  const dashes = argv.indexOf('--');
  const own = dashes === -1 ? argv : argv.slice(0, dashes);
  const wantsJson = own.includes('--json');
  try {
    if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      const entry = argv.length > 1 ? findEntry(commands, argv.slice(1)) : undefined;
      ctx.stdout.write(entry ? commandHelp(await entry.load()) : overview(commands));
      return EXIT_OK;
    }
    if (argv[0] === '--version' || argv[0] === 'version') {
      ctx.stdout.write(`touchrole ${VERSION}\n`);
      return EXIT_OK;
    }
    const entry = findEntry(commands, argv);
    if (!entry)
      throw usage(
        `unknown command "${argv
          .filter((a) => !a.startsWith('-'))
          .slice(0, 2)
          .join(' ')}"`,
      );
    const def = await entry.load();
    const rest = own.slice(entry.path.length);
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.stdout.write(commandHelp(def));
      return EXIT_OK;
    }
    const tail = dashes === -1 ? undefined : argv.slice(dashes + 1);
    const { positionals, values } = parseCommandArgs(def, def.afterDashes === true || tail === undefined ? rest : [...rest, '--', ...tail]);
    const out = await def.run({ positionals, values, ...(def.afterDashes === true && tail !== undefined ? { command: tail } : {}) }, ctx);
    // Text for people: no control character a name or an ARN carried can reach the terminal.
    ctx.stdout.write(values['json'] === true ? `${out.jsonText ?? JSON.stringify(out.json, null, 2)}\n` : ensureNewline(printableText(out.text)));
    return out.exitCode ?? EXIT_OK;
  } catch (e) {
    const failure = toFailure(e);
    if (wantsJson) ctx.stdout.write(`${JSON.stringify({ ok: false, error: failure.wire }, null, 2)}\n`);
    ctx.stderr.write(`${failureLine(failure.wire)}\n`);
    return failure.exitCode;
  }
}

function findEntry(commands: readonly RegistryEntry[], argv: string[]): RegistryEntry | undefined {
  // Longest match first: 'keys rotate' before 'keys'.
  return [...commands].sort((a, b) => b.path.length - a.path.length).find((e) => e.path.every((w, i) => argv[i] === w));
}

function parseCommandArgs(
  def: CommandDef,
  rest: string[],
): { positionals: string[]; values: Record<string, string | boolean | (string | boolean)[] | undefined> } {
  const options: OptionSpec = { json: { type: 'boolean' }, ...def.options };
  const args = def.dashedPositional === true ? dashedWordsAsPositionals(rest, options) : rest;
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usage(`${(e as Error).message.split('\n')[0] ?? 'bad arguments'}`, def);
  }
  const [min, max] = def.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw usage(`expected ${def.args || 'no arguments'}`, def);
  }
  return { positionals: parsed.positionals, values: parsed.values };
}

/** Moves each word that starts with '-' but is none of `options` (nor an option's value) behind a `--`. */
function dashedWordsAsPositionals(rest: string[], options: OptionSpec): string[] {
  const own: string[] = [];
  const dashed: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word === '--') return [...own, '--', ...dashed, ...rest.slice(i + 1)];
    const name = optionNamed(word, options);
    if (name === undefined && word.startsWith('-') && word !== '-') {
      dashed.push(word);
      continue;
    }
    own.push(word);
    const takesValue = name !== undefined && options[name]?.type === 'string' && !word.includes('=');
    if (takesValue && i + 1 < rest.length) own.push(rest[++i] as string);
  }
  return dashed.length === 0 ? own : [...own, '--', ...dashed];
}

function optionNamed(word: string, options: OptionSpec): string | undefined {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0] as string;
    return name in options ? name : undefined;
  }
  return Object.keys(options).find((name) => options[name]?.short !== undefined && word === `-${options[name]?.short}`);
}

function usage(message: string, def?: CommandDef): TouchroleError {
  const hint = def ? `usage: touchrole ${def.path.join(' ')} ${def.args}`.trim() : 'run "touchrole help" for the list of commands';
  return new TouchroleError('usage', message, { hint });
}

function ensureNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** Runs one invocation of the process (its argv, environment and streams) and sets its exit code. */
export async function runProcess(argv: string[], commands: readonly RegistryEntry[]): Promise<void> {
  const code = await dispatch(argv, processContext(systemClock), commands);
  process.exitCode = code === EXIT_OK ? 0 : code;
}
