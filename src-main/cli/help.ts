// SPDX-License-Identifier: MIT
import type { CommandDef } from './command';
import type { RegistryEntry } from './registry';

export function overview(entries: readonly RegistryEntry[]): string {
  const width = Math.max(...entries.map((e) => e.path.join(' ').length), 10);
  const lines = entries.map((e) => `  ${e.path.join(' ').padEnd(width)}  ${e.summary}`);
  return [
    'touchrole: elevate to MFA-protected AWS roles with one touch of a YubiKey',
    '',
    'Usage: touchrole <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command that reports something takes --json. "touchrole help <command>" shows details.',
    'Exit codes: 0 ok, 1 something you can fix (the message says how), 2 usage error, 3 a bug in touchrole.',
    '',
  ].join('\n');
}

export function commandHelp(def: CommandDef): string {
  const opts = Object.entries(def.options).map(([name, o]) => `  --${name}${o.type === 'string' ? ' <value>' : ''}`);
  return [
    `Usage: touchrole ${def.path.join(' ')} ${def.args}`.trimEnd(),
    '',
    def.summary,
    ...(def.help.length ? ['', ...def.help] : []),
    '',
    'Options:',
    ...opts,
    '  --json',
    ...(def.examples.length ? ['', 'Examples:', ...def.examples.map((e) => `  ${e}`)] : []),
    '',
  ].join('\n');
}
