# Sourced by setup.sh, test.sh and with-node.sh: puts a Node that the dependencies accept first on
# PATH. Electron's tooling (electron, @electron/get, @electron/rebuild) wants Node >= 22.12 and Node
# 20 is past its end of life, so when the system Node is older, Node 22 is installed into
# .tools/node from the npm registry (the node-linux-<arch> package: the official binary with its
# headers, which the native modules build against since nodejs.org may be out of reach).
TOUCHROLE_NODE_VERSION=22.23.5
touchrole_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

touchrole_node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

if ! touchrole_node_ok "$(command -v node || echo node)"; then
  if ! touchrole_node_ok "$touchrole_root/.tools/node/bin/node"; then
    case "$(uname -m)" in
      x86_64) touchrole_arch=x64 ;;
      aarch64 | arm64) touchrole_arch=arm64 ;;
      *) echo "touchrole: no Node 22 package for $(uname -m); install Node >= 22.12 yourself" >&2; return 1 ;;
    esac
    echo "touchrole: installing Node $TOUCHROLE_NODE_VERSION into .tools/node (from the npm registry)" >&2
    rm -rf "$touchrole_root/.tools/node" "$touchrole_root/.tools/node-pack"
    mkdir -p "$touchrole_root/.tools/node" "$touchrole_root/.tools/node-pack"
    (cd "$touchrole_root/.tools/node-pack" && npm pack --silent "node-$(uname -s | tr 'A-Z' 'a-z')-$touchrole_arch@$TOUCHROLE_NODE_VERSION" >/dev/null)
    tar xzf "$touchrole_root"/.tools/node-pack/*.tgz -C "$touchrole_root/.tools/node" --strip-components=1
    rm -rf "$touchrole_root/.tools/node-pack"
  fi
  export PATH="$touchrole_root/.tools/node/bin:$PATH"
fi

# node-gyp builds keytar and smartcard against the running Node's own headers (no download).
touchrole_node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$touchrole_node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$touchrole_node_prefix"
fi
unset touchrole_arch touchrole_node_prefix
