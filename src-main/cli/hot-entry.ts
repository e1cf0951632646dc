// SPDX-License-Identifier: MIT
/**
 * The first code `touchrole credential-process` and `touchrole exec` run (bin/touchrole.js,
 * dist/bundle/hot.js): a cached session is served from here, loading neither the rest of the
 * CLI nor the SDK, PC/SC, the keychain or the agent client. Anything else (a miss, a flag, an
 * unreadable file) goes to the session commands' bundle (session.js), which does the whole work
 * again and reports errors.
 */
import { writeSync } from 'node:fs';
import { printableText } from '../../src-shared/printable';
import { cachedRoleSession, execFromCache, installSourceLines, toCredentialProcessJson } from '../core/hot-path';
import { EXIT_OK, failureLine, toFailure } from './exit-codes';

installSourceLines();

/** Runs one invocation: from the cache when it can, else through the session commands. */
export async function main(argv: string[]): Promise<void> {
  const served = await fromCache(argv).catch(() => undefined);
  if (served === undefined) return (await import('./session-entry')).main(argv);
  process.exitCode = await served();
}

/** A function that finishes the invocation from a cached session (resolving to its exit code), or undefined for session.js. */
async function fromCache(argv: string[]): Promise<(() => Promise<number>) | undefined> {
  const [verb, profile] = argv;
  if (profile === undefined || profile === '' || profile.startsWith('-')) return undefined;
  if (verb === 'credential-process' && argv.length === 2) {
    const hit = await cachedRoleSession(process.env, profile, Date.now());
    if (hit === undefined) return undefined;
    // The same bytes as the full command: credential_process JSON and a newline.
    const text = `${printableText(JSON.stringify(toCredentialProcessJson(hit.session)))}\n`;
    return () => Promise.resolve((writeOut(text), EXIT_OK));
  }
  const [command, ...args] = argv.slice(3);
  if (verb !== 'exec' || argv[2] !== '--' || command === undefined || command === '') return undefined;
  const run = await execFromCache(process.env, profile, command, args);
  // Once the command is started its outcome is final: a failure to start is reported here, never retried by session.js.
  return (
    run &&
    (() =>
      run().catch((e: unknown) => {
        const failure = toFailure(e);
        process.stderr.write(`${failureLine(failure.wire)}\n`);
        return failure.exitCode;
      }))
  );
}

/** Straight to fd 1: creating process.stdout costs a few milliseconds this path does not have. */
function writeOut(text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(1, bytes, done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}
