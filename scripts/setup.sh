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

# Node >= 22.12 first on PATH (installed into .tools/node when the system's is older), with its headers
# for the native modules (keytar, smartcard).
source scripts/node-toolchain.sh
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
