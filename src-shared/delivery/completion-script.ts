// SPDX-License-Identifier: MIT
// `touchrole completion bash|zsh|fish`: a script generated from the command registry. Profile
// names are not baked in: the script asks `touchrole completion --profiles` at each completion,
// which reads ~/.aws as the rest of touchrole does and loads nothing else.

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export interface CompletionFlag {
  name: string;
  takesValue: boolean;
  /** Values offered after the flag (e.g. --format's). */
  values?: readonly string[];
}

export interface CompletionCommand {
  /** Words after `touchrole`, e.g. ['keys', 'rotate']. */
  words: readonly string[];
  flags: readonly CompletionFlag[];
  /** What the first positional is: a profile name, one of fixed words, or nothing to offer. */
  positional?: 'profile' | readonly string[];
}

export function isCompletionShell(v: string): v is CompletionShell {
  return (COMPLETION_SHELLS as readonly string[]).includes(v);
}

export function completionScript(shell: CompletionShell, commands: readonly CompletionCommand[], program = 'touchrole'): string {
  // Longest first, so "keys rotate" is matched before a one-word command could be.
  const sorted = [...commands].sort((a, b) => b.words.length - a.words.length);
  return shell === 'bash' ? bash(sorted, program) : shell === 'zsh' ? zsh(sorted, program) : fish(sorted, program);
}

const fn = (program: string): string => `_${program.replace(/[^A-Za-z0-9_]/g, '_')}`;
const firstWords = (cs: readonly CompletionCommand[]): string[] => [...new Set(cs.map((c) => c.words[0] ?? ''))].sort();
const subWords = (cs: readonly CompletionCommand[], group: string): string[] =>
  cs.filter((c) => c.words.length > 1 && c.words[0] === group).map((c) => c.words[1] ?? '');
const groups = (cs: readonly CompletionCommand[]): string[] => [...new Set(cs.filter((c) => c.words.length > 1).map((c) => c.words[0] ?? ''))].sort();
const flagWords = (c: CompletionCommand): string => c.flags.map((f) => `--${f.name}`).join(' ');

/** The body both bash and zsh run: find the command, then what to offer. `say` offers a word list. */
function dispatch(cs: readonly CompletionCommand[], program: string, say: (words: string) => string, profiles: string): string[] {
  const cases = cs.map((c) => {
    const key = c.words.join(' ');
    const pattern = c.words.length > 1 ? `"${key}"` : `"${key} "*`;
    return `    ${pattern}) cmd="${key}"; used=${c.words.length} ;;`;
  });
  const values = cs.flatMap((c) =>
    c.flags.filter((f) => f.takesValue).map((f) => `    "${c.words.join(' ')}:--${f.name}") ${f.values ? say(f.values.join(' ')) : 'return 0'} ;;`),
  );
  const positional = cs.flatMap((c) => {
    if (c.positional === undefined) return [];
    return [`    "${c.words.join(' ')}") ${c.positional === 'profile' ? profiles : say(c.positional.join(' '))} ;;`];
  });
  const flagsCase = cs.map((c) => `    "${c.words.join(' ')}") ${say(`${flagWords(c)} --help`)} ;;`);
  const groupCase = groups(cs).map((g) => `      ${g}) ${say(subWords(cs, g).join(' '))} ;;`);
  return [
    `  local cmd="" used=0`,
    `  case "$key" in`,
    ...cases,
    `  esac`,
    `  if [[ -z "$cmd" ]]; then`,
    `    if ((\${#pos[@]} == 0)); then ${say(firstWords(cs).join(' '))}; return 0; fi`,
    `    case "$first" in`,
    ...groupCase,
    `    esac`,
    `    return 0`,
    `  fi`,
    `  case "$cmd:$prev" in`,
    ...values,
    `  esac`,
    `  if [[ "$cur" == -* ]]; then`,
    `    case "$cmd" in`,
    ...flagsCase.map((l) => `  ${l}`),
    `    esac`,
    `    return 0`,
    `  fi`,
    `  ((\${#pos[@]} == used)) || return 0`,
    `  case "$cmd" in`,
    ...positional,
    `  esac`,
    `  # ${program}: nothing more to offer`,
  ];
}

function bash(cs: readonly CompletionCommand[], program: string): string {
  const say = (w: string): string => `COMPREPLY=($(compgen -W "${w}" -- "$cur"))`;
  const profiles = `COMPREPLY=($(compgen -W "$(command ${program} completion --profiles 2>/dev/null)" -- "$cur"))`;
  return [
    `# ${program} completion for bash. Install: see "Shell completions" in docs/guide.md.`,
    `${fn(program)}() {`,
    `  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" i w`,
    `  local -a pos=()`,
    `  COMPREPLY=()`,
    `  for ((i = 1; i < COMP_CWORD; i++)); do`,
    `    w="\${COMP_WORDS[i]}"`,
    `    if [[ "$w" == "--" ]]; then`,
    `      if ((i == COMP_CWORD - 1)); then COMPREPLY=($(compgen -c -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi`,
    `      return 0`,
    `    fi`,
    `    [[ "$w" == -* ]] || pos+=("$w")`,
    `  done`,
    `  local first="\${pos[0]-}" key`,
    `  if ((\${#pos[@]} >= 2)); then key="\${pos[0]} \${pos[1]}"; else key="\${pos[0]-} "; fi`,
    ...dispatch(cs, program, say, profiles),
    `}`,
    `complete -F ${fn(program)} ${program}`,
    '',
  ].join('\n');
}

function zsh(cs: readonly CompletionCommand[], program: string): string {
  const say = (w: string): string => `compadd -- ${w}`;
  const profiles = `compadd -- \${(f)"$(command ${program} completion --profiles 2>/dev/null)"}`;
  return [
    `#compdef ${program}`,
    `# ${program} completion for zsh. Install: see "Shell completions" in docs/guide.md.`,
    `${fn(program)}() {`,
    `  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" i w`,
    `  local -a pos`,
    `  for ((i = 2; i < CURRENT; i++)); do`,
    `    w="\${words[i]}"`,
    `    if [[ "$w" == "--" ]]; then`,
    `      if ((i == CURRENT - 1)); then _command_names -e; else _files; fi`,
    `      return 0`,
    `    fi`,
    `    [[ "$w" == -* ]] || pos+=("$w")`,
    `  done`,
    `  local first="\${pos[1]-}" key`,
    `  if ((\${#pos[@]} >= 2)); then key="\${pos[1]} \${pos[2]}"; else key="\${pos[1]-} "; fi`,
    ...dispatch(cs, program, say, profiles),
    `}`,
    `if [[ "\${funcstack[1]-}" == "${fn(program)}" ]]; then ${fn(program)} "$@"; else compdef ${fn(program)} ${program}; fi`,
    '',
  ].join('\n');
}

function fish(cs: readonly CompletionCommand[], program: string): string {
  const seen = (words: readonly string[]): string => words.map((w) => `__fish_seen_subcommand_from ${w}`).join('; and ');
  const after = `__${program}_after_dashes`;
  const lines = [
    `# ${program} completion for fish. Install: see "Shell completions" in docs/guide.md.`,
    `function ${after}; contains -- -- (commandline -opc); end`,
    `complete -c ${program} -f`,
    `complete -c ${program} -n '${after}' -F`,
    `complete -c ${program} -n '__fish_use_subcommand; and not ${after}' -a '${firstWords(cs).join(' ')}'`,
  ];
  for (const g of groups(cs)) {
    const subs = subWords(cs, g);
    lines.push(`complete -c ${program} -n '${seen([g])}; and not __fish_seen_subcommand_from ${subs.join(' ')}' -a '${subs.join(' ')}'`);
  }
  for (const c of cs) {
    const when = `${seen(c.words)}; and not ${after}`;
    for (const f of c.flags) {
      const values = f.values ? ` -a '${f.values.join(' ')}'` : '';
      lines.push(`complete -c ${program} -n '${when}' -l ${f.name}${f.takesValue ? ' -r' : ''}${values}`);
    }
    if (c.positional === 'profile') lines.push(`complete -c ${program} -n '${when}' -a '(command ${program} completion --profiles 2>/dev/null)'`);
    else if (c.positional) lines.push(`complete -c ${program} -n '${when}' -a '${c.positional.join(' ')}'`);
  }
  return `${lines.join('\n')}\n`;
}
