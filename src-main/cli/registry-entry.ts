// SPDX-License-Identifier: MIT
import type { CommandDef } from './command';

/**
 * A verb, with a loader so a command's dependencies load only when it runs: the
 * credential-process cache hit must not pay for the AWS SDK, PC/SC or the keychain.
 */
export interface RegistryEntry {
  path: string[];
  summary: string;
  load(): Promise<CommandDef>;
}

export const entry = (path: string[], summary: string, load: () => Promise<{ command: CommandDef }>): RegistryEntry => ({
  path,
  summary,
  load: async () => (await load()).command,
});
