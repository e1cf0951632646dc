// SPDX-License-Identifier: MIT
// scripts/lazy-builtins.mjs: the stand-ins the bundles give the AWS SDK for node:http2 and node:zlib
// load nothing while the SDK loads and reads its values, and act as the real module once used.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const PLUGIN = pathToFileURL(resolve(__dirname, '../../../scripts/lazy-builtins.mjs')).href;

/** Runs `body` in a fresh Node with `standIn(builtin)` (the stand-in's exports) and `loaded(builtin)`; returns what it printed. */
function inFreshNode(body: string): unknown {
  const script = `
    import { createRequire } from 'node:module';
    import { standInSource } from ${JSON.stringify(PLUGIN)};
    const require = createRequire(import.meta.url);
    const standIn = (builtin, atLoad) => {
      const module = { exports: {} };
      new Function('module', 'require', standInSource({ builtin, atLoad }))(module, require);
      return module.exports;
    };
    const loaded = (builtin) => process.moduleLoadList.includes('NativeModule ' + builtin);
    ${body}`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('lazy built-ins for the AWS SDK in the bundles', () => {
  it('node:http2: reading constants as @smithy/node-http-handler does on load loads nothing; using them gives the real values', () => {
    const out = inFreshNode(`
      const http2 = standIn('http2', { constants: 'object' });
      const { constants } = http2;
      const before = loaded('http2');
      const path = constants.HTTP2_HEADER_PATH;
      const real = require('node:http2');
      console.log(JSON.stringify({ before, after: loaded('http2'), path, same: path === real.constants.HTTP2_HEADER_PATH && http2.connect === real.connect,
        has: 'connect' in http2 }));`);
    expect(out).toEqual({ before: false, after: true, path: ':path', same: true, has: true });
  });

  it('node:zlib: the crc32 @smithy/core checks for on load is a function that loads nothing until called, then the real crc32', () => {
    const out = inFreshNode(`
      const zlib = standIn('zlib', { crc32: 'function' });
      const isFunction = typeof zlib.crc32 === 'function';
      const before = loaded('zlib');
      const crc = zlib.crc32('touchrole');
      console.log(JSON.stringify({ isFunction, before, after: loaded('zlib'), same: crc === require('node:zlib').crc32('touchrole') }));`);
    expect(out).toEqual({ isFunction: true, before: false, after: true, same: true });
  });
});
