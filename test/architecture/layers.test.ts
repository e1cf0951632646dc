// SPDX-License-Identifier: MIT
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer graph of docs/architecture.md, enforced: a failing rule is a build error, not a warning.
const ROOT = resolve(__dirname, '../..');
const DOC = 'see docs/architecture.md#layers';

interface Import {
  file: string; // repo-relative, '/' separated
  spec: string;
  target?: string; // repo-relative path for relative imports
  dynamic: boolean; // import('...') or require('...'): loaded only when that code runs
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// import/export ... from '<1>', a bare import '<2>', import('<3>') or require('<3>').
const IMPORT_RE = new RegExp(
  [
    /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/.source,
    /(?:^|[^\w.])import\s*['"]([^'"]+)['"]/.source,
    /(?:^|[^\w.])(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/.source,
  ].join('|'),
  'gm',
);

function importsOf(absFile: string): Import[] {
  const text = readFileSync(absFile, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const file = relative(ROOT, absFile).split(sep).join('/');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec) continue;
    const target = spec.startsWith('.')
      ? relative(ROOT, resolve(dirname(absFile), spec))
          .split(sep)
          .join('/')
      : undefined;
    const dynamic = m[3] !== undefined;
    out.push(target === undefined ? { file, spec, dynamic } : { file, spec, target, dynamic });
  }
  return out;
}

const all: Import[] = ['src-shared', 'src-main', 'src-renderer', 'src-emulators'].flatMap((d) => sourceFiles(join(ROOT, d))).flatMap(importsOf);

const pkg = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
const layerOf = (path: string): string =>
  path.startsWith('src-shared/')
    ? 'shared'
    : path.startsWith('src-main/core/')
      ? 'core'
      : path.startsWith('src-main/cli/')
        ? 'cli'
        : path.startsWith('src-main/app/')
          ? 'app'
          : path.startsWith('src-renderer/')
            ? 'renderer'
            : `${path}/`.startsWith('src-emulators/')
              ? 'emulators' // the folder itself is its index
              : 'outside';

// Which layers a layer may import (relative imports).
const ALLOWED: Record<string, string[]> = {
  shared: ['shared'],
  core: ['shared', 'core'],
  cli: ['shared', 'core', 'cli'],
  app: ['shared', 'core', 'app'],
  renderer: ['shared', 'renderer'],
  // Test and demo tooling (virtual YubiKey, STS/IAM emulator): built on the product, never part of it.
  emulators: ['shared', 'core', 'emulators'],
};

// The one way into the emulators from the product: `touchrole demo` loads them when it runs.
const EMULATOR_ENTRY = 'src-main/cli/commands/demo.ts';
const lazyEmulatorImport = (i: Import): boolean => i.file === EMULATOR_ENTRY && i.dynamic && layerOf(i.target ?? '') === 'emulators';

// Foreign packages owned by exactly one place (a file, or a folder ending in '/').
const OWNERS: Record<string, string> = {
  electron: 'src-main/app/',
  smartcard: 'src-main/core/transport/pcsc.ts',
  'node-hid': 'src-main/core/transport/hid.ts',
  keytar: 'src-main/core/vault/keychain.ts',
  '@aws-sdk/client-sts': 'src-main/core/sts/',
  '@aws-sdk/client-iam': 'src-main/core/sts/',
  ini: 'src-main/core/settings/',
};

// The CLI parses, calls a service and formats: below core/service it reaches only the credential_process
// fast path (hot-path: cache and agent client, no SDK) and the touch prompt / secret input (prompt).
const CLI_MAY_REACH = ['src-main/core/service', 'src-main/core/hot-path', 'src-main/core/prompt'];
const cliReachesBelowServices = (i: Pick<Import, 'file' | 'target'>): boolean =>
  layerOf(i.file) === 'cli' && layerOf(i.target ?? '') === 'core' && !CLI_MAY_REACH.some((allowed) => i.target === allowed || i.target === `${allowed}/index`);

const owns = (owner: string, file: string): boolean => (owner.endsWith('/') ? file.startsWith(owner) : file === owner);

describe('architecture: layers', () => {
  it('finds the sources it checks', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it('relative imports follow the layer graph', () => {
    const broken = all
      .filter((i) => i.target !== undefined && !lazyEmulatorImport(i))
      .filter((i) => !(ALLOWED[layerOf(i.file)] ?? []).includes(layerOf(i.target ?? '')))
      .map((i) => `${i.file} imports ${i.spec} (${layerOf(i.file)} -> ${layerOf(i.target ?? '')}): not allowed, ${DOC}`);
    expect(broken).toEqual([]);
  });

  it('src-shared and src-renderer import no packages and no Node built-ins', () => {
    const broken = all
      .filter((i) => ['shared', 'renderer'].includes(layerOf(i.file)) && i.target === undefined)
      .map((i) => `${i.file} imports ${i.spec}: shared and renderer code is pure, ${DOC}`);
    expect(broken).toEqual([]);
  });

  it('each foreign package is imported by its one owner only', () => {
    const broken = all
      .filter((i) => i.target === undefined)
      .filter((i) => {
        const owner = OWNERS[pkg(i.spec)];
        return owner !== undefined && !owns(owner, i.file);
      })
      .map((i) => `${i.file} imports ${i.spec}: only ${OWNERS[pkg(i.spec)]} may, ${DOC}`);
    expect(broken).toEqual([]);
  });

  it('the product reaches the emulators only through the demo command, lazily', () => {
    const edges = all.filter((i) => layerOf(i.target ?? '') === 'emulators' && layerOf(i.file) !== 'emulators');
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((i) => !lazyEmulatorImport(i)).map((i) => `${i.file} imports ${i.spec}: only a dynamic import in ${EMULATOR_ENTRY}, ${DOC}`)).toEqual(
      [],
    );
  });

  it('only src-main/app/ipc.ts touches ipcMain', () => {
    const offenders = sourceFiles(join(ROOT, 'src-main'))
      .map((f) => relative(ROOT, f).split(sep).join('/'))
      .filter((f) => f !== 'src-main/app/ipc.ts' && /\bipcMain\b/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders.map((f) => `${f} uses ipcMain: register handlers through src-main/app/ipc.ts, ${DOC}`)).toEqual([]);
  });

  it('the CLI calls the core services (core/service), not the concerns below them', () => {
    // The rule itself, on an import it must refuse and ones it must let through.
    expect(cliReachesBelowServices({ file: 'src-main/cli/commands/x.ts', target: 'src-main/core/sts/index' })).toBe(true);
    expect(cliReachesBelowServices({ file: 'src-main/cli/commands/x.ts', target: 'src-main/core/service/index' })).toBe(false);
    expect(cliReachesBelowServices({ file: 'src-main/app/x.ts', target: 'src-main/core/sts/index' })).toBe(false);
    expect(all.some((i) => layerOf(i.file) === 'cli' && i.target === 'src-main/core/service')).toBe(true);
    const broken = all
      .filter(cliReachesBelowServices)
      .map((i) => `${i.file} imports ${i.spec}: the CLI may reach only ${CLI_MAY_REACH.join(', ')} of the core, ${DOC}`);
    expect(broken).toEqual([]);
  });

  it('core folders are used through their index.ts from outside the folder', () => {
    const broken = all
      .filter((i) => i.target?.startsWith('src-main/core/') && !i.file.startsWith('src-main/core/'))
      .filter((i) => {
        const parts = (i.target ?? '').split('/'); // src-main, core, <concern>, <file>...
        return parts.length > 4 || (parts.length === 4 && parts[3] !== 'index');
      })
      .map((i) => `${i.file} imports ${i.spec}: use src-main/core/<concern>/index.ts, ${DOC}`);
    expect(broken).toEqual([]);
  });
});
