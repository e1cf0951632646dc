#!/usr/bin/env node
// SPDX-License-Identifier: MIT
/**
 * The npm command as CommonJS bundles in dist/bundle/:
 *  - start.js: what bin/touchrole.js runs; picks one of the three below for the command and loads
 *    it with V8's code cache (src-main/core/hot-path/compile-cache.ts);
 *  - hot.js: `credential-process` and `exec` served from the cache (src-main/cli/hot-entry.ts),
 *    node:* and the few modules that read the cache; on a miss it loads session.js;
 *  - session.js: the session commands (src-main/cli/session-verbs.ts: elevate, exec, export,
 *    whoami...) with the STS client, and without IAM, the emulators or the other commands: less
 *    to read, deserialise from the code cache and initialise on every elevation (bench row b2);
 *  - cli.js: every command, the AWS SDK and the emulators (touchrole demo) included: one file
 *    loads faster than the SDK's hundreds; the native modules stay external (built on install);
 *  - agent.js: `touchrole agent`, without the other commands, and with the SDK left in node_modules.
 * Source maps sit next to each bundle; src-main/core/hot-path/source-lines.ts maps stack frames
 * through them when a stack is printed. `npm run build` runs this after tsc.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyBuiltins } from './lazy-builtins.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Native modules: compiled for the Node that installs the package, so never bundled. */
const NATIVE = ['keytar', 'node-hid', 'smartcard'];
const notBundled = Object.keys(pkg.dependencies).filter((d) => NATIVE.includes(d));
if (notBundled.length !== NATIVE.length) throw new Error(`build-cli: expected the native modules ${NATIVE.join(', ')} among the dependencies`);

/**
 * The entries' fallbacks are the other bundles at run time, not copies inside them: hot.js's
 * `import('./session-entry')` is session.js, agent.js's `import('./main')` the full CLI (cli.js).
 */
const fallbacksOutside = {
  name: 'fallbacks-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/(main|session-entry)$/ }, (args) => {
      if (!/(hot|agent)-entry\.ts$/.test(args.importer)) return undefined;
      return { path: args.path === './main' ? './cli.js' : './session.js', external: true };
    });
  },
};

/**
 * touchrole's own modules are free of import side effects, so the modules of an index an import
 * goes through but does not use (for hot.js: the agent client, node:net) are left out.
 */
const onlyWhatIsUsed = {
  name: 'only-what-is-used',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'resolving' || !args.importer.startsWith(root) || args.importer.includes('node_modules')) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (r.errors.length > 0 || r.external || r.path.includes('node_modules')) return r.errors.length > 0 ? { errors: r.errors } : undefined;
      return { path: r.path, sideEffects: false };
    });
  },
};

/**
 * Left out of session.js, in node_modules (dependencies of touchrole or of @aws-sdk/client-sts), required only if ever used:
 * IAM (mfa register/unregister and keys rotate, none of them a session command), and what the STS client requires only
 * inside its default credential chain or for a browser's user agent, never run since touchrole always passes the
 * credentials (~0.2 MB less to read and deserialise per elevation). test/unit/packaging/cli-bundle.test.ts checks that an
 * STS call from session.js loads nothing from node_modules.
 */
const NOT_IN_SESSION = [
  '@aws-sdk/client-iam',
  '@aws-sdk/nested-clients',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
  'bowser',
];

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Whitespace and syntax only: half the bytes to read, compile and cache; names stay as written for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // Paths in the maps are relative to the map; the sources themselves are not shipped.
  sourcesContent: false,
  external: [...NATIVE, 'electron'],
  // The AWS SDK's CommonJS builds ("node", "require"), not its ES modules ("module", which esbuild adds when no condition is
  // given): @smithy/core's submodules are then one flat file each instead of hundreds of lazily initialised modules, and an
  // elevation runs ~8 ms less of module initialisation (bench row b2).
  conditions: ['node'],
  // import() of cli.js and node:* as require(): the ESM loader would cost a miss milliseconds.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(out, { recursive: true, force: true });
const entry = (name, file, plugins) => build({ ...common, entryPoints: [join(root, 'src-main/cli', file)], outfile: join(out, `${name}.js`), plugins });
await Promise.all([
  entry('start', 'start-entry.ts', [onlyWhatIsUsed]),
  entry('hot', 'hot-entry.ts', [fallbacksOutside, onlyWhatIsUsed]),
  entry('cli', 'cli-entry.ts', [onlyWhatIsUsed, lazyBuiltins]),
  build({
    ...common,
    entryPoints: [join(root, 'src-main/cli/session-entry.ts')],
    outfile: join(out, 'session.js'),
    plugins: [onlyWhatIsUsed, lazyBuiltins],
    external: [...common.external, ...NOT_IN_SESSION],
  }),
  // The agent runs for days: its memory counts, not its start. The SDK stays in node_modules and loads on the first STS
  // call, as without a bundle (the whole SDK in agent.js cost an idle agent ~7 MB of resident memory, bench row f).
  build({
    ...common,
    entryPoints: [join(root, 'src-main/cli/agent-entry.ts')],
    outfile: join(out, 'agent.js'),
    plugins: [fallbacksOutside, onlyWhatIsUsed],
    external: [...common.external, '@aws-sdk/*', '@smithy/*'],
  }),
]);
