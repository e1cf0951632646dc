// SPDX-License-Identifier: MIT
// Bundles the window (src-renderer) into dist/renderer/ (index.html, app.js, styles.css) and the
// preload into dist/preload/preload.js: a sandboxed preload cannot require local files, so it
// must be one file. `npm run build` runs this after tsc.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'renderer');
await mkdir(out, { recursive: true });

await build({
  entryPoints: [join(root, 'src-renderer', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(join(root, 'src-renderer', 'index.html'), join(out, 'index.html'));
await copyFile(join(root, 'src-renderer', 'styles.css'), join(out, 'styles.css'));

await build({
  entryPoints: [join(root, 'src-main', 'app', 'preload.ts')],
  outfile: join(root, 'dist', 'preload', 'preload.js'),
  bundle: true,
  format: 'cjs',
  platform: 'browser', // the isolated world of a sandboxed renderer: no Node built-ins
  target: 'chrome120',
  external: ['electron'],
  legalComments: 'none',
  logLevel: 'warning',
});
