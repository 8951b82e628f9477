#!/usr/bin/env bash
# Sets up bcc-tutor from a clone, on a Debian 12 / Ubuntu machine, as root:
# the npm dependencies and the compiled tutor (dist/), then `bcc-tutor
# setup` (Debian packages, tracefs, merged kernel headers and lesson 15's
# server, in /var/cache/bcc-tutor). Idempotent: a second run changes nothing.
# Options are handed to `bcc-tutor setup` (--yes: ask nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
  die "run as root (sudo $0). Tracing needs root; see README.md, section 'Without root'."
fi
command -v node >/dev/null || die "Node.js 20 or newer is needed: install it first (README.md, 'Requirements')."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old; bcc-tutor needs Node.js 20 or newer."

# --- npm dependencies (npm ci also builds dist/, through `prepare`) ---------------
# A node_modules that is a symlink is someone else's install (a worktree
# sharing its main checkout's): npm ci would empty it through the link.
if [ -L node_modules ]; then
  say "node_modules is a link to $(readlink node_modules): left as it is"
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
fi

# --- the compiled tutor ------------------------------------------------------------
if [ ! -e dist/.stamp ] || [ -n "$(find src lessons locales -path lessons/starters -prune -o \( -name '*.ts' -o -name '*.tsx' -o -name '*.mjs' -o -name '*.c' \) -newer dist/.stamp -print -quit)" ]; then
  say "building dist/ (tsc)"
  node scripts/build.mjs || die "the build failed"
fi

# --- the machine ---------------------------------------------------------------------
exec node bin/bcc-tutor.js setup "$@"
