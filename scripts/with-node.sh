#!/usr/bin/env bash
# Runs a command with the project's Node first on PATH (see node-toolchain.sh).
set -euo pipefail
source "$(dirname "$0")/node-toolchain.sh"
exec "$@"
