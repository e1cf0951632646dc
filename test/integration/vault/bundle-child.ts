// SPDX-License-Identifier: MIT
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Bundles a TypeScript entry point into one CommonJS file so it can run as a plain `node`
 * child process (a fresh process is the only way to test a different D-Bus environment or a
 * real terminal: libsecret caches its bus connection per process). Native packages stay
 * external and resolve through NODE_PATH (see childEnv).
 */
export async function bundleChild(entry: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'touchrole-child-')), 'child.js');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['keytar', 'smartcard', 'node-hid', 'electron'],
    // import('keytar') becomes require(): ESM resolution would ignore NODE_PATH.
    supported: { 'dynamic-import': false },
    logLevel: 'error',
  });
  return outfile;
}

/** An environment for a bundled child: `env` plus NODE_PATH so external native modules resolve. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_PATH: join(REPO_ROOT, 'node_modules') };
}
