#!/usr/bin/env bash
# The test command: every unit, integration and end-to-end test, with its real services
# (gnome-keyring in a private D-Bus session, pcscd + vpcd, moto_server) started here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-toolchain.sh
npm run build
# The Electron security lint (electronegativity, offline) over the whole tree: fails on any
# finding of severity >= medium with confidence certain or firm.
node scripts/electron-lint.mjs
# Types of the tests, typescript-eslint (type-aware: no floating promises, ...) and prettier.
npm run --silent lint
# moto_server from scripts/setup.sh's venv, when it had to install one there.
export PATH="$PWD/.tools/moto/bin:$PATH"
# The SDK's Node 22 notice is not what these tests are about.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Where an Electron binary exists, the real-Electron smoke test runs first, on its own.
if [ $# -eq 0 ] && { [ -x "${ELECTRON_OVERRIDE_DIST_PATH:-/nonexistent}/electron" ] || [ -x node_modules/electron/dist/electron ]; }; then
  bash scripts/with-keyring.sh bash scripts/with-services.sh npx vitest run test/e2e/electron-smoke.test.ts
fi
exec bash scripts/with-keyring.sh bash scripts/with-services.sh npx vitest run "$@"
