#!/usr/bin/env node
// SPDX-License-Identifier: MIT
/**
 * The command the desktop app carries: the CLI as one CommonJS file, dist-bundle/touchrole.js,
 * which electron-builder puts in resources/cli and the launchers in packaging/bin run with the
 * app's own Electron as Node. The native modules and the AWS SDK stay external: the launcher's
 * NODE_PATH points at the app's node_modules, where they are built for that Electron. The
 * emulators (touchrole demo) are tooling and stay out of the app. `npm run build` runs this.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-bundle');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** `touchrole demo` in the app: its dynamic import of src-emulators finds nothing, and the command says so. */
const leaveOutEmulators = {
  name: 'leave-out-emulators',
  setup(b) {
    b.onResolve({ filter: /src-emulators$/ }, () => ({ path: './emulators-not-in-the-app', external: true }));
  },
};

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src-main', 'cli', 'main.ts')],
  outfile: join(out, 'touchrole.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: [...Object.keys(pkg.dependencies), 'electron'],
  plugins: [leaveOutEmulators],
  banner: { js: '#!/usr/bin/env node' },
  // Run as a program (the launchers): source maps on, so errors name source lines.
  footer: { js: 'if (require.main === module) { process.setSourceMapsEnabled(true); module.exports.main(process.argv.slice(2)); }' },
  legalComments: 'none',
  logLevel: 'warning',
});
