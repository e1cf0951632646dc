// SPDX-License-Identifier: MIT
/**
 * The session commands (bin/touchrole.js, dist/bundle/session.js; SESSION_VERBS): elevate, exec,
 * export, whoami... and credential_process or exec when hot.js cannot serve them from the cache.
 * Without IAM, the emulators or the other commands, a start compiles and initialises little more
 * than the STS client.
 */
import { installSourceLines } from '../core/hot-path';
import { runProcess } from './dispatch';
import { sessionCommands } from './session-commands';

installSourceLines();

const commands = Object.values(sessionCommands);

export function main(argv: string[]): Promise<void> {
  return runProcess(argv, commands);
}
