// SPDX-License-Identifier: MIT
import type { CommandDef } from './command';

/**
 * Every verb, with a loader so a command's dependencies load only when it runs: the
 * credential-process cache hit must not pay for the AWS SDK, PC/SC or the keychain.
 */
export interface RegistryEntry {
  path: string[];
  summary: string;
  load(): Promise<CommandDef>;
}

export const registry: RegistryEntry[] = [];
