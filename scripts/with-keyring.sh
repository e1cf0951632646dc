#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run a command with a private, unlocked gnome-keyring (Secret Service) on a private D-Bus session:
#   bash scripts/with-keyring.sh npx vitest run test/integration/vault
# The keyring lives in a temporary XDG_DATA_HOME, so the user's real keyrings are never touched.
# Exits with the command's status.
set -euo pipefail

if [[ "${1:-}" != "--inside" ]]; then
  if [[ $# -eq 0 ]]; then
    echo "usage: with-keyring.sh <command> [args...]" >&2
    exit 2
  fi
  for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
      echo "with-keyring.sh: $tool not found (install dbus and gnome-keyring)" >&2
      exit 127
    fi
  done
  exec dbus-run-session -- bash "$0" --inside "$@"
fi
shift # --inside

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/touchrole-keyring.XXXXXX")"
chmod 700 "$keyring_home"
daemon_pid=""
cleanup() {
  if [[ -n "$daemon_pid" ]]; then
    kill "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT

# The password comes on stdin, never on argv. --unlock creates the login collection unlocked.
# XDG_RUNTIME_DIR is private too, so the control socket cannot collide with a desktop session's.
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"
echo -n test | XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" \
  gnome-keyring-daemon --foreground --unlock --components=secrets >"$keyring_home/daemon.log" 2>&1 &
daemon_pid=$!

owned=false
for _ in $(seq 1 100); do # at most ~10 s
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    owned=true
    break
  fi
  if ! kill -0 "$daemon_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [[ "$owned" != true ]]; then
  echo "with-keyring.sh: gnome-keyring-daemon did not take org.freedesktop.secrets; its log:" >&2
  cat "$keyring_home/daemon.log" >&2
  exit 1
fi

set +e
"$@"
status=$?
set -e
exit "$status"
