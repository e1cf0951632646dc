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
  python3 curl ca-certificates build-essential
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

command -v moto_server >/dev/null 2>&1 || python3 -m pip install --quiet 'moto[server]' || {
  echo "setup: moto_server is missing and could not be installed with pip" >&2; exit 1; }

ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci
npm run build
