// SPDX-License-Identifier: MIT
// `npm ci` warns EBADENGINE when a locked package refuses the running Node. This proves, from the
// lock file, that none does on the Node the tests run on (the one scripts/node-toolchain.sh puts
// first), and that this Node is the one package.json and the toolchain script promise.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..', '..');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(repo, name), 'utf8'));

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('Node engines', () => {
  it('every locked dependency accepts the Node the project runs on', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, LockEntry> };
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .map(([path, entry]) => ({ path, range: Array.isArray(entry.engines) ? undefined : entry.engines?.node }))
      .filter((e): e is { path: string; range: string } => e.range !== undefined && !semver.satisfies(process.version, e.range));
    expect(refusing).toEqual([]);
  });

  it("package.json's engines accept this Node and the version scripts/node-toolchain.sh installs", () => {
    const range = (readJson('package.json') as { engines: { node: string } }).engines.node;
    const pinned = /TOUCHROLE_NODE_VERSION=(\S+)/.exec(readFileSync(join(repo, 'scripts', 'node-toolchain.sh'), 'utf8'))?.[1];
    expect(pinned).toBeDefined();
    expect(semver.satisfies(pinned ?? '', range)).toBe(true);
    expect(semver.satisfies(process.version, range)).toBe(true);
  });
});
