# Sourced by .ci/run: puts Node $CI_NODE_MAJOR (default 24, the production LTS) first on PATH for the rest of the
# run, whatever Node the machine has. The binary comes from the npm registry, the only registry CI needs: the
# package node-<platform>-<arch> is what npm's `node` package installs, unpacked from the official release,
# headers included. npm itself then runs on it, so `npm ci` builds native modules (better-sqlite3) for it:
# with a prebuilt binary when GitHub is reachable, otherwise with node-gyp (python3, make, g++) against
# these headers instead of downloading them from nodejs.org.
ci_node_major="${CI_NODE_MAJOR:-24}"
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)" != "$ci_node_major" ]; then
  ci_node_package="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
  ci_node_home="$(mktemp -d)"
  npm install --prefix "$ci_node_home" --no-save --no-package-lock --no-audit --no-fund \
    "$ci_node_package@$ci_node_major" < /dev/null
  ci_node_dir="$ci_node_home/node_modules/$ci_node_package"
  export PATH="$ci_node_dir/bin:$PATH"
  export npm_config_nodedir="$ci_node_dir"
fi
hash -r
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "$ci_node_major" ]; then
  echo "expected Node $ci_node_major, found $(node --version)" >&2
  exit 1
fi
echo "CI runs on Node $(node --version) ($(command -v node)), npm $(npm --version)"
