// SPDX-License-Identifier: MIT
/**
 * What bin/touchrole.js runs (dist/bundle/start.js): picks the bundle for the command and loads it
 * with V8's code cache. credential_process runs on every `aws` command: it and exec start from the
 * small cache-first bundle (hot.js); the agent from its own; the other session commands (elevate,
 * export, whoami...) from session.js, without IAM and the rest; everything else from the full CLI.
 */
import { join } from 'node:path';
import { loadBundle } from '../core/hot-path';
import { SESSION_VERBS } from './session-verbs';

const SESSION = new Set<string>(SESSION_VERBS);

/** The command's run; it does not reject (each entry reports its own failures), and would end the process as an unhandled rejection if it did. */
export function start(argv: string[]): Promise<void> {
  const verb = argv[0];
  const bundle = verb === 'credential-process' || verb === 'exec' ? 'hot' : verb === 'agent' ? 'agent' : SESSION.has(verb ?? '') ? 'session' : 'cli';
  return (loadBundle(join(__dirname, `${bundle}.js`)) as { main(argv: string[]): Promise<void> }).main(argv);
}
