// SPDX-License-Identifier: MIT
import { COMPLETION_SHELLS, completionScript, isCompletionShell, type CompletionCommand } from '../../../src-shared/delivery/completion-script';
import { TouchroleError } from '../../../src-shared/errors';
import { flag, type CliContext, type CommandDef } from '../command';
import { registry } from '../registry';
import { serviceFor } from '../service-for';

export const command: CommandDef = {
  path: ['completion'],
  args: '<bash|zsh|fish>',
  summary: 'Print a shell completion script (commands, flags, profile names)',
  help: [
    "bash:  echo 'source <(touchrole completion bash)' >> ~/.bashrc",
    'zsh:   touchrole completion zsh > "${fpath[1]}/_touchrole"   (or source it after compinit)',
    'fish:  touchrole completion fish > ~/.config/fish/completions/touchrole.fish',
    'Profile names are read from your AWS config at each completion (--profiles prints them).',
  ],
  examples: ['touchrole completion bash', 'touchrole completion --profiles'],
  options: { profiles: { type: 'boolean' } },
  positionals: [0, 1],
  completion: { positional: COMPLETION_SHELLS },
  async run({ positionals, values }, ctx) {
    if (flag(values, 'profiles')) {
      const names = await profileNames(ctx);
      return { text: names.map((n) => `${n}\n`).join(''), json: { profiles: names } };
    }
    const shell = positionals[0];
    if (shell === undefined || !isCompletionShell(shell)) {
      throw new TouchroleError('usage', shell === undefined ? 'which shell?' : `no completions for "${shell.slice(0, 40)}"`, {
        hint: `use touchrole completion ${COMPLETION_SHELLS.join('|')}`,
      });
    }
    const commands = await Promise.all(registry.map(async (e) => completionOf(e.path, await e.load())));
    const script = completionScript(shell, commands);
    return { text: script, json: { shell, script } };
  },
};

/** Profiles touchrole can elevate (its own `-touchrole` sessions left out); nothing when the files cannot be read. */
async function profileNames(ctx: CliContext): Promise<string[]> {
  try {
    // bash's compgen -W expands what it offers ($, backquotes): only plain names are offered; others are typed by hand.
    return (await serviceFor(ctx).profiles.elevatableNames()).filter((n) => /^[\w.@+=,:/-]+$/.test(n));
  } catch {
    return [];
  }
}

function completionOf(path: string[], def: CommandDef): CompletionCommand {
  const values = def.completion?.values ?? {};
  const flags = [...Object.entries(def.options), ['json', { type: 'boolean' }] as const].map(([name, o]) => ({
    name,
    takesValue: o.type === 'string',
    ...(values[name] === undefined ? {} : { values: values[name] }),
  }));
  const positional = def.completion?.positional ?? (/^[<[]profile[>\]]/.test(def.args) ? 'profile' : undefined);
  return { words: path, flags, ...(positional === undefined ? {} : { positional }) };
}
