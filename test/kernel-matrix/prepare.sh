#!/usr/bin/env bash
# Prepares everything run-in-guest.sh needs to boot Debian's own kernel (the
# one matching the installed linux-headers-<ver>-amd64) under qemu (TCG):
#   - installs, only if missing: qemu-system-x86 (--no-install-recommends),
#     busybox-static, and linux-headers-amd64 if no headers are installed;
#   - downloads linux-image-<ver>-amd64-unsigned (the headers' exact version)
#     and keeps the .deb, since an ABI bump can drop it from the archive;
#   - unpacks only vmlinuz, the config and the needed modules, builds the
#     initramfs with static busybox, and creates a 16 MB sparse scratch disk.
# All of it goes to .cache/kernel-matrix/<ver>/. Idempotent; fast when cached.
#
# Usage: bash test/kernel-matrix/prepare.sh [--no-install] [--quiet]
#   --no-install  do only local work (unpack, initramfs, disk); fail if a
#                 package or the kernel .deb would have to be fetched.
#   --quiet       print only failures.
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Any command that fails without its own message still says so.
trap 'rc=$?; km_say ""; km_say "kernel-matrix: FAILED: prepare.sh line $LINENO: $BASH_COMMAND (exit $rc)"; km_say "kernel-matrix: what to do: read the error above, fix it and re-run prepare.sh"; exit $rc' ERR

NO_INSTALL=
QUIET=
for a in "$@"; do
  case $a in
    --no-install) NO_INSTALL=1 ;;
    --quiet) QUIET=1 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) km_fail "unknown argument: $a" "see: bash test/kernel-matrix/prepare.sh --help" 2 ;;
  esac
done
info() { [ -n "$QUIET" ] || km_say "kernel-matrix: $*"; }
TMPS=()   # temporary folders, removed however the script ends
trap 'rm -rf "${TMPS[@]}"' EXIT

APT_UPDATED=
apt_update_once() {
  [ -n "$APT_UPDATED" ] && return 0
  info "apt-get update"
  quietly apt-get update || km_fail "apt-get update" \
    "check that Debian's package archive is reachable (see /etc/apt/sources.list*), then re-run"
  APT_UPDATED=1
}

need_root_for() {
  if [ -n "$NO_INSTALL" ]; then
    km_fail "$1 is needed but --no-install was given" "run: bash test/kernel-matrix/prepare.sh"
  fi
  if [ "$(id -u)" != 0 ]; then
    km_fail "$1 is needed, and installing it needs root" "run as root: bash test/kernel-matrix/prepare.sh"
  fi
  command -v apt-get >/dev/null || km_fail "$1 is needed and there is no apt-get" "this script expects Debian"
}

# quietly CMD...: run it with its output kept aside, shown only if it fails.
quietly() {
  local log rc=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { km_say "--- output of: $* ---"; tail -n 30 "$log" >&2; }
  rm -f "$log"
  return "$rc"
}

# apt_install PKG...: try, and if that fails (e.g. stale lists), update once and retry.
apt_install() {
  info "apt-get install --no-install-recommends $*"
  if ! DEBIAN_FRONTEND=noninteractive quietly apt-get install -y -q --no-install-recommends "$@"; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive quietly apt-get install -y -q --no-install-recommends "$@" ||
      km_fail "apt-get install --no-install-recommends $*" \
        "read apt's error above; fix it (e.g. apt-get update, free disk space), then re-run"
  fi
}

is_installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }

command -v dpkg-query >/dev/null || km_fail "dpkg-query not found" "this script expects Debian (bookworm)"

# --- 1. host packages -------------------------------------------------------
missing=()
is_installed qemu-system-x86 || missing+=(qemu-system-x86)
is_installed busybox-static || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  need_root_for "${missing[*]}"
  apt_install "${missing[@]}"
fi
command -v qemu-system-x86_64 >/dev/null ||
  km_fail "qemu-system-x86_64 not found although qemu-system-x86 is installed" "apt-get install --reinstall qemu-system-x86"
[ -x /bin/busybox ] && /bin/busybox cpio --help >/dev/null 2>&1 ||
  km_fail "/bin/busybox (static, with cpio) not usable" "apt-get install --reinstall busybox-static"

# --- 2. which kernel ---------------------------------------------------------
if ! km_pick_version; then
  need_root_for "linux-headers-amd64 (no linux-headers-<ver>-amd64 is installed)"
  apt_install linux-headers-amd64
  km_pick_version || km_fail "no linux-headers-<ver>-amd64 installed even after installing linux-headers-amd64" \
    "check: dpkg -l 'linux-headers-*'"
fi
[ -e "/lib/modules/$KM_UNAME/build" ] || km_fail "/lib/modules/$KM_UNAME/build is missing (bcc finds the headers there)" \
  "apt-get install --reinstall linux-headers-$KM_UNAME"
mkdir -p "$KM_CACHE" || km_fail "cannot create $KM_CACHE" "check permissions on $KM_ROOT/.cache"
info "kernel $KM_UNAME (Debian $KM_DEBVER), cache $KM_CACHE"

PKG="linux-image-$KM_UNAME-unsigned"
deb_path() { local f; for f in "$KM_CACHE/${PKG}_"*"${KM_DEBVER}_amd64.deb"; do [ -s "$f" ] && { echo "$f"; return 0; }; done; return 0; }

# --- 3. vmlinuz, config and modules -----------------------------------------
# modules.stamp records the module list they were unpacked for.
want_stamp="$KM_DEBVER $KM_MODULES"
if [ -s "$KM_CACHE/vmlinuz" ] && [ -s "$KM_CACHE/config" ] && [ -s "$KM_CACHE/modules.load" ] &&
   [ "$(cat "$KM_CACHE/modules.stamp" 2>/dev/null)" = "$want_stamp" ]; then
  info "vmlinuz and modules: cached"
else
  DEB=$(deb_path)
  if [ -z "$DEB" ]; then
    need_root_for "the kernel package $PKG=$KM_DEBVER"
    tmp=$(mktemp -d "$KM_CACHE/.download.XXXXXX"); TMPS+=("$tmp")
    info "apt-get download $PKG=$KM_DEBVER"
    # -o APT::Sandbox::User=root: the cache folder is not readable by _apt.
    if ! (cd "$tmp" && quietly apt-get download -q -o APT::Sandbox::User=root "$PKG=$KM_DEBVER"); then
      apt_update_once
      (cd "$tmp" && quietly apt-get download -q -o APT::Sandbox::User=root "$PKG=$KM_DEBVER") || {
        km_fail "apt-get download $PKG=$KM_DEBVER (the image matching the installed headers)" \
          "if the archive dropped this ABI, upgrade the headers (apt-get install linux-headers-amd64) and re-run; or put the .deb into $KM_CACHE/"
      }
    fi
    mv "$tmp"/*.deb "$KM_CACHE/" && rm -rf "$tmp"
    DEB=$(deb_path)
    [ -n "$DEB" ] || km_fail "downloaded $PKG but cannot find the .deb in $KM_CACHE" "look at $KM_CACHE"
  else
    info "using cached $(basename "$DEB")"
  fi

  stage=$(mktemp -d "$KM_CACHE/.unpack.XXXXXX"); TMPS+=("$stage")
  # unpack NAME...: extract those modules (by file name, any folder, .ko or compressed).
  unpack() {
    local pats=() n
    for n in "$@"; do pats+=("./lib/modules/$KM_UNAME/kernel/*/$(printf %s "$n" | sed 's/[-_]/[-_]/g').ko*"); done
    dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$stage" --wildcards --no-anchored "${pats[@]}" 2>/dev/null || true
  }
  info "unpacking vmlinuz, config and modules from $(basename "$DEB")"
  # One pass for the kernel and the known modules; tar complains about listed
  # modules that this kernel has built in, so judge by what came out.
  dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$stage" --wildcards \
      "./boot/vmlinuz-$KM_UNAME" "./boot/config-$KM_UNAME" "./lib/modules/$KM_UNAME/modules.builtin" \
      $(for n in $KM_MODULES; do printf './lib/modules/%s/kernel/*/%s.ko* ' "$KM_UNAME" "$(printf %s "$n" | sed 's/[-_]/[-_]/g')"; done) \
      2>"$stage/tar.err" || true
  for f in "boot/vmlinuz-$KM_UNAME" "boot/config-$KM_UNAME" "lib/modules/$KM_UNAME/modules.builtin"; do
    [ -s "$stage/$f" ] || { cat "$stage/tar.err" >&2
      km_fail "no $f in $DEB (or unpacking it failed, see above)" "delete $DEB and re-run to download it again"; }
  done

  norm() { printf %s "$1" | tr - _; }
  declare -A path=() builtin=() state=()
  index_modules() {
    local f b
    while IFS= read -r f; do
      b=$(basename "$f"); b=${b%%.ko*}; path[$(norm "$b")]=$f
    done < <(find "$stage/lib/modules" -name '*.ko*')
  }
  while IFS= read -r f; do b=$(basename "$f"); builtin[$(norm "${b%%.ko*}")]=1; done \
    <"$stage/lib/modules/$KM_UNAME/modules.builtin"
  index_modules
  order=()
  visit() { # depth-first: dependencies first
    local m=$1 deps d
    [ -n "${builtin[$m]:-}" ] && return 0
    [ "${state[$m]:-}" = done ] && return 0
    [ "${state[$m]:-}" = busy ] && km_fail "module dependency cycle at $m" "report it: the module list in lib.sh needs care"
    if [ -z "${path[$m]:-}" ]; then
      unpack "$m"; index_modules
      [ -n "${path[$m]:-}" ] || km_fail "module $m is not in $DEB and not built in" \
        "edit KM_MODULES in test/kernel-matrix/lib.sh for kernel $KM_UNAME"
    fi
    state[$m]=busy
    deps=$(tr '\0' '\n' <"${path[$m]}" | grep -a '^depends=' | head -n1 | cut -d= -f2 | tr , ' ' || true)
    case ${path[$m]} in  # compressed modules: read depends from the decompressed bytes
      *.xz)  deps=$(xz -dc "${path[$m]}" | tr '\0' '\n' | grep -a '^depends=' | head -n1 | cut -d= -f2 | tr , ' ' || true) ;;
      *.zst) deps=$(zstd -dc "${path[$m]}" | tr '\0' '\n' | grep -a '^depends=' | head -n1 | cut -d= -f2 | tr , ' ' || true) ;;
    esac
    for d in $deps; do visit "$(norm "$d")"; done
    state[$m]=done
    order+=("$m")
  }
  for n in $KM_MODULES; do visit "$(norm "$n")"; done

  rm -rf "$KM_CACHE/modules" && mkdir -p "$KM_CACHE/modules"
  for m in "${order[@]}"; do
    case ${path[$m]} in
      *.ko)     cp "${path[$m]}" "$KM_CACHE/modules/$m.ko" ;;
      *.ko.xz)  xz -dc "${path[$m]}" >"$KM_CACHE/modules/$m.ko" ;;
      *.ko.zst) zstd -dc "${path[$m]}" >"$KM_CACHE/modules/$m.ko" ;;
      *.ko.gz)  gzip -dc "${path[$m]}" >"$KM_CACHE/modules/$m.ko" ;;
      *) km_fail "unknown module file ${path[$m]}" "extend prepare.sh" ;;
    esac
  done
  printf '%s\n' "${order[@]}" >"$KM_CACHE/modules.load"
  cp "$stage/boot/config-$KM_UNAME" "$KM_CACHE/config"
  cp "$stage/boot/vmlinuz-$KM_UNAME" "$KM_CACHE/vmlinuz.tmp" && mv "$KM_CACHE/vmlinuz.tmp" "$KM_CACHE/vmlinuz"
  printf '%s\n' "$want_stamp" >"$KM_CACHE/modules.stamp"
  rm -rf "$stage"
  info "modules (load order): ${order[*]}"
fi
for opt in CONFIG_KPROBES=y CONFIG_BPF_EVENTS=y CONFIG_KPROBE_EVENTS=y; do
  grep -qx "$opt" "$KM_CACHE/config" || km_fail "kernel $KM_UNAME lacks $opt: it cannot run kprobe lessons" \
    "use a kernel with $opt (KERNEL_MATRIX_KVER=<ver> with its headers installed)"
done

# --- 3b. uncompressed vmlinux for a direct (PVH) boot ----------------------------
# Booting vmlinuz makes the guest decompress the xz kernel under TCG, which
# takes about 6 s per run; qemu boots the uncompressed ELF (with its PVH note)
# directly. Only a speed-up: without it run-in-guest.sh boots vmlinuz.
if [ ! -s "$KM_CACHE/vmlinux" ] || [ "$KM_CACHE/vmlinux" -ot "$KM_CACHE/vmlinuz" ]; then
  if grep -qx CONFIG_PVH=y "$KM_CACHE/config"; then
    info "extracting vmlinux from vmlinuz (for a direct PVH boot)"
    rm -f "$KM_CACHE/vmlinux" "$KM_CACHE/vmlinux.tmp"
    # find_magic HEX-ESCAPED-BYTES: byte offset of the first match in vmlinuz
    find_magic() { LC_ALL=C grep -obUaP "$1" "$KM_CACHE/vmlinuz" 2>/dev/null | head -n1 | cut -d: -f1 || true; }
    off=$(find_magic '\xfd7zXZ\x00'); dec="xz -dc --single-stream"
    [ -n "$off" ] || { off=$(find_magic '\x28\xb5\x2f\xfd'); dec="zstd -dcq"; }
    [ -n "$off" ] || { off=$(find_magic '\x1f\x8b\x08'); dec="gzip -dcq"; }
    if [ -n "$off" ] && tail -c +"$((off + 1))" "$KM_CACHE/vmlinuz" | $dec >"$KM_CACHE/vmlinux.tmp" 2>/dev/null;
       [ "$(head -c 4 "$KM_CACHE/vmlinux.tmp" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
      mv "$KM_CACHE/vmlinux.tmp" "$KM_CACHE/vmlinux"
    else
      rm -f "$KM_CACHE/vmlinux.tmp"
      info "note: could not extract vmlinux from vmlinuz; guests will boot vmlinuz (about 6 s slower)"
    fi
  fi
fi

# --- 4. initramfs --------------------------------------------------------------
want_sum=$(km_initramfs_inputs_sum)
if [ -s "$KM_CACHE/initramfs.img" ] && [ "$(cat "$KM_CACHE/initramfs.sum" 2>/dev/null)" = "$want_sum" ]; then
  info "initramfs: cached"
else
  info "building initramfs"
  stage=$(mktemp -d "$KM_CACHE/.initramfs.XXXXXX"); TMPS+=("$stage")
  mkdir -p "$stage"/{bin,dev,proc,sys,tmp,boot,etc/kernel-matrix,lib/modules}
  cp /bin/busybox "$stage/bin/busybox"
  cp "$KM_DIR/guest-init.sh" "$stage/init" && chmod 755 "$stage/init"
  cp "$KM_CACHE/modules/"*.ko "$stage/lib/modules/"
  cp "$KM_CACHE/modules.load" "$stage/etc/kernel-matrix/modules.load"
  cp "$KM_CACHE/config" "$stage/boot/config-$KM_UNAME"
  (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | /bin/busybox cpio -o -H newc 2>/dev/null) |
    gzip -1 >"$KM_CACHE/initramfs.img.tmp" ||
    km_fail "packing the initramfs (busybox cpio | gzip)" "check free space in $KM_CACHE"
  mv "$KM_CACHE/initramfs.img.tmp" "$KM_CACHE/initramfs.img"
  printf '%s\n' "$want_sum" >"$KM_CACHE/initramfs.sum"
  rm -rf "$stage"
  info "initramfs: $(du -h "$KM_CACHE/initramfs.img" | cut -f1)"
fi

# --- 5. scratch disk ----------------------------------------------------------
if [ "$(stat -c %s "$KM_CACHE/scratch.img" 2>/dev/null)" != 16777216 ]; then
  rm -f "$KM_CACHE/scratch.img"
  truncate -s 16M "$KM_CACHE/scratch.img" || km_fail "creating $KM_CACHE/scratch.img" "check free space"
  info "scratch disk: 16 MB sparse"
fi

info "ready: $KM_UNAME in $KM_CACHE"
