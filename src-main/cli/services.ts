// SPDX-License-Identifier: MIT
import { loadSettings, type Settings } from '../core/settings';
import { touchrolePaths, type TouchrolePaths } from '../core/paths';
import { createOsKeychain, DEFAULT_KEYCHAIN_SERVICE, SourceKeyStore, type Keychain } from '../core/vault';
import type { CliContext } from './command';

/** The pieces every command builds the same way from the environment. */
export function pathsFor(ctx: CliContext): TouchrolePaths {
  return touchrolePaths(ctx.env);
}

export function settingsFor(ctx: CliContext): Promise<Settings> {
  return loadSettings(pathsFor(ctx).config);
}

/** The OS keychain; TOUCHROLE_KEYCHAIN_SERVICE keeps test and demo entries apart from the user's. */
export function keychainFor(ctx: CliContext): Keychain {
  return createOsKeychain({ service: ctx.env['TOUCHROLE_KEYCHAIN_SERVICE'] || DEFAULT_KEYCHAIN_SERVICE });
}

export function sourceKeysFor(ctx: CliContext): SourceKeyStore {
  return new SourceKeyStore(keychainFor(ctx), ctx.clock);
}
