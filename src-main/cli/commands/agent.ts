// SPDX-License-Identifier: MIT
import { printable } from '../../../src-shared/printable';
import { createTouchPrompter } from '../../core/prompt';
import { startHeadlessAgent } from '../../core/service';
import type { CommandDef } from '../command';

export const command: CommandDef = {
  path: ['agent'],
  args: '',
  summary: 'Run the touchrole agent without the tray: serves credential_process, warns before expiry',
  help: [
    'Listens on a unix socket in a directory only you can enter ($XDG_RUNTIME_DIR/touchrole/agent.sock,',
    'or TOUCHROLE_AGENT_SOCKET). `touchrole credential-process` asks it first. Warnings and expiries are',
    'printed and shown as desktop notifications; expired sessions are removed from ~/.aws/credentials.',
    'Stops on Ctrl-C or SIGTERM.',
  ],
  examples: ['touchrole agent &'],
  options: {},
  positionals: [0, 0],
  async run(_input, ctx) {
    const agent = await startHeadlessAgent({
      env: ctx.env,
      clock: ctx.clock,
      alsoPrompt: createTouchPrompter({ env: ctx.env, platform: process.platform }),
      log: (line) => void ctx.stderr.write(`touchrole agent: ${printable(line)}\n`),
    });
    const say = (line: string): boolean => ctx.stdout.write(`${new Date(ctx.clock.now()).toISOString()} ${printable(line)}\n`);
    agent.onEvent((e) => {
      if (e.event === 'warning')
        say(`${e.data.profile}: session expires in ${Math.ceil(e.data.secondsLeft / 60)} min (renew: touchrole elevate ${e.data.profile})`);
      if (e.event === 'expired') say(`${e.data.profile}: session expired${e.data.removed ? ' and removed from the credentials file' : ''}`);
      if (e.event === 'touch' && e.data.state === 'needed') say(`touch your YubiKey${e.data.profile ? ` (elevate ${e.data.profile})` : ''}`);
    });
    say(`agent listening on ${agent.socketPath}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await agent.close();
    return { text: 'agent stopped', json: { stopped: true, socketPath: agent.socketPath } };
  },
};
