#!/usr/bin/env bash
# Runs its arguments with the services the integration tests need: pcscd (with the vpcd
# virtual readers) and one moto_server on loopback. Starts only what is not already running
# and stops only what it started, by PID.
set -euo pipefail

started=()
cleanup() {
  for pid in "${started[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "with-services: $1 not found: run scripts/setup.sh" >&2; exit 1; }; }
need pcscd
need moto_server

if ! pgrep -x pcscd >/dev/null; then
  mkdir -p /run/pcscd
  pcscd -f >"${TMPDIR:-/tmp}/touchrole-pcscd.log" 2>&1 &
  started+=("$!")
fi
for _ in $(seq 1 50); do
  [ -S /run/pcscd/pcscd.comm ] && break
  sleep 0.1
done
[ -S /run/pcscd/pcscd.comm ] || { echo "with-services: pcscd did not start (see ${TMPDIR:-/tmp}/touchrole-pcscd.log)" >&2; exit 1; }

if [ -z "${TOUCHROLE_TEST_MOTO_URL:-}" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  moto_server -H 127.0.0.1 -p "$port" >"${TMPDIR:-/tmp}/touchrole-moto.log" 2>&1 &
  started+=("$!")
  export TOUCHROLE_TEST_MOTO_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fsS "$TOUCHROLE_TEST_MOTO_URL/moto-api/" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "$TOUCHROLE_TEST_MOTO_URL/moto-api/" >/dev/null 2>&1 || { echo "with-services: moto_server did not answer on $TOUCHROLE_TEST_MOTO_URL" >&2; exit 1; }
fi

set +e
"$@"
status=$?
set -e
exit "$status"
