#!/usr/bin/env bash
# One-time set-up on Debian 12: system packages (when run as root or with sudo), npm
# dependencies (the Electron binary is not downloaded: the app layer is tested without it),
# and the build.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  pcscd vsmartcard-vpcd libpcsclite-dev   # PC/SC daemon, virtual readers for tests, headers for the binding
  yubikey-manager oathtool                # Yubico's ykman and oathtool: independent references in tests
  gnome-keyring libsecret-1-dev dbus      # the Secret Service keychain and keytar's headers
  libnotify-bin                           # notify-send: the touch prompt when there is no terminal
  awscli                                  # AWS CLI v2 (/usr/bin/aws) for end-to-end tests
  chromium                                # headless browser for the window's tests
  zsh fish                                # shells whose export formats and completions the tests run
  python3 python3-venv curl ca-certificates build-essential
)

if [ "${TOUCHROLE_SKIP_APT:-}" != 1 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# The native modules (keytar, smartcard) build against Node's headers: use those Node's own package
# installed, as nodejs.org (where node-gyp would fetch them) may be out of reach.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
npm run build

# moto_server (the STS/IAM emulator of the tests and the bench) has no Debian package, and Debian's
# Python refuses a system-wide pip (PEP 668): install it into .tools/moto, which `npm test`,
# `npm run bench` and `npm run demo` put on PATH. The demo works without it (built-in emulator).
if ! command -v moto_server >/dev/null 2>&1 && [ ! -x .tools/moto/bin/moto_server ]; then
  if ! { python3 -m venv .tools/moto && .tools/moto/bin/pip install --quiet 'moto[server]'; }; then
    rm -rf .tools/moto
    echo "setup: WARNING: moto_server could not be installed (pip install 'moto[server]' needs PyPI)." >&2
    echo "setup: npm run demo works without it; npm test and npm run bench need it on PATH." >&2
  fi
fi
