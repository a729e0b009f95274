#!/usr/bin/env bash
# Prepares a real VS Code for the integration tests without downloading one: @vscode/test-electron cannot
# fetch VS Code here, so we run code-server (VS Code 1.100.3 served to a browser) from the npm registry
# and drive it with Debian's headless Chromium. See DESIGN §7. Idempotent: every step checks first, so a
# second run costs well under a second.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here; these two names are
# what its download step looks for in its cache (ripgrep package 1.15.11 fetches ripgrep v13.0.0-10).
RG_CACHE_DIR=vscode-ripgrep-cache-1.15.11
RG_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.vscode-test/code-server"
marker="$dest/.installed-$CODE_SERVER_VERSION"
start=$(date +%s)

# --- Debian packages: chromium drives the workbench; ripgrep replaces the download above; the rest
# builds code-server's native modules (argon2, kerberos, node-pty) from source, as no prebuilt can be fetched.
missing=()
for pkg in chromium ripgrep libkrb5-dev python3 make g++; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  echo "setup-vscode-test: apt-get install ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- code-server
if [ -f "$marker" ] && [ -f "$dest/node_modules/code-server/out/node/entry.js" ]; then
  echo "setup-vscode-test: code-server $CODE_SERVER_VERSION already in .vscode-test/code-server"
  exit 0
fi

echo "setup-vscode-test: installing code-server@$CODE_SERVER_VERSION into .vscode-test/code-server (a minute or two)"
rm -rf "$dest"
mkdir -p "$dest/tmp/$RG_CACHE_DIR"
# A TMPDIR of our own: the ripgrep cache is looked up under os.tmpdir(), and the postinstall's scratch
# files stay inside .vscode-test rather than in a /tmp shared with other runs.
export TMPDIR="$dest/tmp"

rgstage="$(mktemp -d)"
cp "$(command -v rg)" "$rgstage/rg"
tar -czf "$TMPDIR/$RG_CACHE_DIR/$RG_TARBALL" -C "$rgstage" rg
rm -rf "$rgstage"

# The package.json keeps npm from walking up to the repo's own package.json.
printf '{ "name": "iolock-sim-vscode-test", "private": true }\n' >"$dest/package.json"
# unsafe_perm: code-server's postinstall refuses to run as root without it (CI is root).
# nodedir: build native modules against the installed Node headers instead of downloading them.
(
  cd "$dest"
  npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" \
    >"$dest/npm-install.log" 2>&1
) || { echo "setup-vscode-test: npm install failed; last lines of $dest/npm-install.log:" >&2; tail -40 "$dest/npm-install.log" >&2; exit 1; }

entry="$dest/node_modules/code-server/out/node/entry.js"
rgbin="$dest/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
if [ ! -f "$entry" ]; then
  echo "setup-vscode-test: $entry missing after install; see $dest/npm-install.log" >&2
  exit 1
fi
if [ ! -x "$rgbin" ]; then
  echo "setup-vscode-test: warning: $rgbin missing (search in files will not work)" >&2
fi
touch "$marker"
echo "setup-vscode-test: done in $(($(date +%s) - start)) s"
