// SPDX-License-Identifier: MIT
/**
 * Loads a CommonJS bundle with V8's code cache, so that a start compiles little: vm.Script cached
 * data, kept per bundle file (path, size, inode, mtime) and Node version in <cache>/v8, a 0700
 * folder of the user's. The data is code: a file another user could write, or one for another
 * bundle, is never used; V8 rejects data from another V8 or flags itself, and the bundle then
 * compiles as without it. (Node 22's module.enableCompileCache would do the same for every module
 * but checks nothing of the folder's owner, and the hot path loads one bundle only.)
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { touchrolePaths } from '../paths';

type Require = (id: string) => unknown;

/**
 * Node's CommonJS wrapper (Module.wrap), written out: node:module costs a start ~0.35 ms, and the
 * hot path needs it for nothing else.
 */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

const loaded = new Map<string, unknown>();

/** The exports of the bundle at `file` (absolute), compiled from the code cache when there is one. */
export function loadBundle(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const known = loaded.get(file);
  if (known !== undefined) return known;
  const dir = join(touchrolePaths(env).cache, 'v8');
  const exports = loadWithCachedData(file, dir);
  loaded.set(file, exports);
  return exports;
}

function loadWithCachedData(file: string, dir: string): unknown {
  const s = statSync(file, { bigint: true });
  const cacheFile = join(dir, `${basename(file)}-${s.size}-${s.ino}-${s.mtimeNs}-${process.version}.bin`);
  const cachedData = readOwnFile(cacheFile);
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const module = { exports: {} as unknown };
  let requireHere: NodeJS.Require | undefined;
  // A bundle's fallback to another bundle (hot.js to cli.js) is loaded the same way; a built-in needs no resolving from the
  // bundle's folder, so node:module (createRequire) loads only for a package (keytar, the SDK left in node_modules).
  const require = (id: string): unknown => {
    if (/^\.\/[a-z-]+\.js$/.test(id)) return loadBundle(join(dirname(file), id));
    const builtin = id.startsWith('node:') ? process.getBuiltinModule(id) : undefined;
    if (builtin !== undefined) return builtin;
    requireHere ??= process.getBuiltinModule('node:module').createRequire(file);
    return requireHere(id);
  };
  (script.runInThisContext() as (e: unknown, r: Require, m: unknown, f: string, d: string) => void).call(
    module.exports,
    module.exports,
    require,
    module,
    file,
    dirname(file),
  );
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // At exit: the data then holds the functions this run compiled too, and the answer is already out.
    process.once('exit', () => writeCache(dir, cacheFile, basename(file), script));
  }
  return module.exports;
}

function writeCache(dir: string, cacheFile: string, bundle: string, script: Script): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownedFolder(dir)) return;
    // Data for older builds of this bundle is of no more use.
    for (const name of readdirSync(dir)) if (name.startsWith(`${bundle}-`) && join(dir, name) !== cacheFile) rmSync(join(dir, name), { force: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
    renameSync(temp, cacheFile);
  } catch {
    // No cache: the next start compiles again.
  }
}

/** The file's bytes when it is this user's and nobody else may write it (or its folder). */
function readOwnFile(path: string): Buffer | undefined {
  try {
    if (!ownedFolder(dirname(path))) return undefined;
    const s = statSync(path);
    if ((s.mode & 0o022) !== 0 || (typeof process.getuid === 'function' && s.uid !== process.getuid())) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function ownedFolder(dir: string): boolean {
  const s = statSync(dir, { throwIfNoEntry: false });
  return s !== undefined && s.isDirectory() && (s.mode & 0o022) === 0 && (typeof process.getuid !== 'function' || s.uid === process.getuid());
}
