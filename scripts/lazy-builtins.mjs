// SPDX-License-Identifier: MIT
/**
 * An esbuild plugin for scripts/build-cli.mjs: two Node built-ins that the AWS SDK requires as it
 * loads, though an STS call never uses them, load on first use instead. @smithy/node-http-handler
 * requires node:http2 for its HTTP/2 handler (STS speaks HTTP/1.1) and @smithy/core's checksums
 * node:zlib for CRC32 (STS requests carry no checksum): ~5 ms and ~2 ms of every elevation (bench
 * row b2). Only those importers get the stand-in: a module whose properties read through to the
 * real one, and for the values they read as they load (http2.constants, zlib.crc32, which Node
 * >= 22.2 has), stand-ins that do the same when used.
 */
const LAZY = [
  { builtin: 'http2', importer: /\/@smithy\/node-http-handler\/dist-cjs\//, atLoad: { constants: 'object' } },
  { builtin: 'zlib', importer: /\/@smithy\/core\/dist-cjs\/submodules\/checksum\//, atLoad: { crc32: 'function' } },
];

/** CommonJS source of the stand-in for one entry of LAZY. */
export function standInSource({ builtin, atLoad }) {
  const standIns = Object.entries(atLoad).map(([key, kind]) => {
    const k = JSON.stringify(key);
    return kind === 'function' ? `${k}: (...args) => load()[${k}](...args)` : `${k}: through(() => load()[${k}])`;
  });
  return [
    'let real;',
    `const load = () => (real ??= require(${JSON.stringify(`node:${builtin}`)}));`,
    'const through = (get) => new Proxy({}, { get: (_, k) => Reflect.get(get(), k), has: (_, k) => Reflect.has(get(), k) });',
    `const standIns = { ${standIns.join(', ')} };`,
    'module.exports = new Proxy({}, {',
    '  get: (_, k) => (Object.hasOwn(standIns, k) ? standIns[k] : Reflect.get(load(), k)),',
    '  has: (_, k) => Reflect.has(load(), k),',
    '});',
  ].join('\n');
}

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(http2|zlib)$/ }, (args) => {
      const lazy = LAZY.find((l) => args.path.replace(/^node:/, '') === l.builtin && l.importer.test(args.importer));
      return lazy ? { path: lazy.builtin, namespace: 'lazy-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({ contents: standInSource(LAZY.find((l) => l.builtin === args.path)), loader: 'js' }));
  },
};
