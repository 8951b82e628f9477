#!/usr/bin/env bash
# Sets up bcc-tutor on a Debian 12 / Ubuntu machine, as root. Idempotent:
# it installs only what is missing and changes no system folder beyond
# Debian packages and the tracefs mount.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
  die "run as root (sudo $0). Tracing needs root; see README.md, section 'Without root'."
fi
command -v node >/dev/null || die "Node.js 20 or newer is needed: install it first (README.md, 'Requirements')."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old; bcc-tutor needs Node.js 20 or newer."

# --- Debian packages ---------------------------------------------------------
# libbpfcc: libbcc itself; -dev: its headers (bcc helpers); bpftool: leak
# checks; python3-bpfcc: the reference the benchmarks and histogram tests
# compare against; systemtap-sdt-dev + gcc/make: the USDT server of lesson 15;
# tmux: the terminal end-to-end test.
pkgs=(libbpfcc libbpfcc-dev bpftool python3-bpfcc systemtap-sdt-dev gcc make tmux)
kver=$(uname -r)
if [ ! -e "/lib/modules/$kver/build/include" ] && [ -z "${BCC_KERNEL_SOURCE:-}" ]; then
  pkgs+=(linux-headers-amd64)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || die "apt-get update failed"
  # The exact headers for the running kernel, when Debian has them.
  if apt-cache show "linux-headers-$kver" >/dev/null 2>&1; then missing+=("linux-headers-$kver"); fi
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi

# --- tracefs -------------------------------------------------------------------
if [ ! -e /sys/kernel/tracing/trace_pipe ] && [ ! -e /sys/kernel/debug/tracing/trace_pipe ]; then
  say "mounting tracefs on /sys/kernel/tracing"
  mount -t tracefs tracefs /sys/kernel/tracing || die "could not mount tracefs on /sys/kernel/tracing"
fi

# --- kernel headers fallback -------------------------------------------------------
# No headers for this exact kernel: merge Debian's generic -common and -amd64
# header trees into one symlink tree that the binding points
# BCC_KERNEL_SOURCE at by itself (src/kernel-source.ts).
if [ ! -e "/lib/modules/$kver/build/include" ] && [ -z "${BCC_KERNEL_SOURCE:-}" ]; then
  arch_dir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
  [ -n "$arch_dir" ] || die "no kernel headers: install linux-headers-amd64"
  hver=${arch_dir#/usr/src/linux-headers-}; hver=${hver%-amd64}
  common_dir=/usr/src/linux-headers-$hver-common
  [ -d "$common_dir" ] || die "$common_dir is missing: install linux-headers-$hver-common"
  dest=$ROOT/.cache/kernel-headers/$hver-amd64
  if [ ! -e "$dest/.complete" ]; then
    say "merging kernel headers $hver into $dest (running kernel $kver has none)"
    rm -rf "$dest"; mkdir -p "$dest"
    cp -rs "$common_dir/." "$dest/"
    cp -rsf "$arch_dir/." "$dest/"
    touch "$dest/.complete"
  fi
  ln -sfn "$hver-amd64" "$ROOT/.cache/kernel-headers/current"
fi

# --- npm dependencies -------------------------------------------------------------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
fi

# --- lesson 15's USDT server --------------------------------------------------------
if [ -f fixtures/usdt-http-server/Makefile ]; then
  make -s -C fixtures/usdt-http-server || die "building the USDT HTTP server failed"
fi
say "ready"
