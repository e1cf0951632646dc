// SPDX-License-Identifier: MIT
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The test tree has one home for shared code: test/support (one of each double and helper), and
// one for data: test/fixtures. Copies of doubles in per-folder support directories drifted apart
// before (two ManualTimers, two oathtool wrappers), so these rules keep them from coming back.
const ROOT = resolve(__dirname, '../..');
const TEST = join(ROOT, 'test');

const SHARED_DIR_NAMES = /^(support|helpers?|fixtures?|harness(es)?|utils?)$/;
const SHARED_FILE_NAMES = /(^|[-.])(helpers?|harness|fixtures?)\.(ts|mts|cts|js|mjs|cjs)$/;
const CODE_FILES = /\.(ts|mts|cts|js|mjs|cjs|py|sh)$/;

const posix = (abs: string): string => relative(ROOT, abs).split(sep).join('/');

function walk(dir: string): { dirs: string[]; files: string[] } {
  const out = { dirs: [] as string[], files: [] as string[] };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.dirs.push(p);
      const sub = walk(p);
      out.dirs.push(...sub.dirs);
      out.files.push(...sub.files);
    } else out.files.push(p);
  }
  return out;
}

const tree = walk(TEST);
const dirs = tree.dirs.map(posix);
const files = tree.files.map(posix);
const inSupport = (p: string): boolean => p === 'test/support' || p.startsWith('test/support/');
const inFixtures = (p: string): boolean => p === 'test/fixtures' || p.startsWith('test/fixtures/');

/** Names exported as a class or function (including `export const x = (...) =>`), per file. */
function exportedCallables(text: string): string[] {
  const declared = /^export\s+(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?)\s+([A-Za-z_$][\w$]*)/.source;
  const arrow = /^export\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/.source;
  const re = new RegExp(`${declared}|${arrow}`, 'gm');
  return [...text.matchAll(re)].map((m) => m[1] ?? m[2] ?? '').filter((n) => n !== '');
}

describe('test tree: one test/support, one of each double', () => {
  it('has no support/helpers/fixtures folder other than test/support and test/fixtures', () => {
    const stray = dirs.filter((d) => {
      if (inSupport(d) || inFixtures(d)) return false;
      const name = d.split('/').pop() ?? '';
      return SHARED_DIR_NAMES.test(name);
    });
    expect(stray, 'move shared doubles and helpers into test/support (a subfolder per concern is fine)').toEqual([]);
  });

  it('has no helper, harness or fixture code file outside test/support', () => {
    const stray = files.filter((f) => !inSupport(f) && SHARED_FILE_NAMES.test(f.split('/').pop() ?? ''));
    expect(stray, 'shared test code lives in test/support').toEqual([]);
  });

  it('keeps test/fixtures to data: no code there', () => {
    expect(files.filter((f) => inFixtures(f) && CODE_FILES.test(f))).toEqual([]);
  });

  it('has no two files under test/ that export a class or function of the same name', () => {
    const owners = new Map<string, string[]>();
    for (const f of files.filter((p) => /\.(ts|mts|cts)$/.test(p))) {
      for (const name of exportedCallables(readFileSync(join(ROOT, f), 'utf8'))) owners.set(name, [...(owners.get(name) ?? []), f]);
    }
    const duplicates = [...owners].filter(([, where]) => where.length > 1).map(([name, where]) => `${name}: ${where.join(', ')}`);
    expect(duplicates, 'one of each double: import the one in test/support instead of defining another').toEqual([]);
  });

  it('finds exported classes and functions the way the duplicate rule needs', () => {
    const sample = [
      'export class ManualTimers implements Timers {',
      'export async function settle(): Promise<void> {',
      'export const flush = (): Promise<void> => new Promise((r) => setImmediate(r));',
      'export const NOW = Date.parse("2026-11-23T10:00:00Z");',
      '  export function indented() {}',
      'class Local {}',
    ].join('\n');
    expect(exportedCallables(sample)).toEqual(['ManualTimers', 'settle', 'flush']);
  });
});
