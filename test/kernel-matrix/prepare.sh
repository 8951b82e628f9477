#!/usr/bin/env bash
# Prepares everything run-in-guest.sh needs to boot one of Debian's kernels
# (5.10 bullseye, 6.1 bookworm, 6.12 trixie) under qemu (TCG):
#   - installs, only if missing: qemu-system-x86 (--no-install-recommends) and
#     busybox-static;
#   - resolves the suite's current kernel through apt with a source list, a
#     state folder and a cache of its own (.cache/kernel-matrix/apt/<suite>/;
#     the system's sources and lists are never read or changed), and
#     downloads linux-image-<ver>-amd64-unsigned and the two header packages
#     (-common, -amd64), keeping the .debs: an ABI bump can drop them;
#   - merges the headers into one symlink tree (as scripts/setup.sh does on
#     the host), unpacks only vmlinuz, the config and the needed modules,
#     builds the initramfs with static busybox, creates a 16 MB scratch disk.
# All of it goes to .cache/kernel-matrix/<ver>/. Idempotent; fast when cached.
#
# Usage: bash test/kernel-matrix/prepare.sh [--kernel 5.10|6.1|6.12|all] [--update] [--no-install] [--quiet]
#   --kernel      which guest (default $KERNEL_MATRIX_SUITE or 6.1); all: each
#   --update      ask the archive again which kernel the suite ships now
#   --no-install  do only local work (unpack, initramfs, disk); fail if a
#                 package or a .deb would have to be fetched.
#   --quiet       print only failures.
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Any command that fails without its own message still says so.
trap 'rc=$?; km_say ""; km_say "kernel-matrix: FAILED: prepare.sh line $LINENO: $BASH_COMMAND (exit $rc)"; km_say "kernel-matrix: what to do: read the error above, fix it and re-run prepare.sh"; exit $rc' ERR

NO_INSTALL=
QUIET=
UPDATE=
ARGS=("$@")
while [ $# -gt 0 ]; do
  case $1 in
    --no-install) NO_INSTALL=1 ;;
    --quiet) QUIET=1 ;;
    --update) UPDATE=1 ;;
    --kernel) KERNEL_MATRIX_SUITE=${2:?--kernel needs 5.10, 6.1, 6.12 or all}; shift ;;
    --kernel=*) KERNEL_MATRIX_SUITE=${1#*=} ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) km_fail "unknown argument: $1" "see: bash test/kernel-matrix/prepare.sh --help" 2 ;;
  esac
  shift
done
if [ "${KERNEL_MATRIX_SUITE:-}" = all ]; then   # each guest in turn, same options
  rest=()
  for a in "${ARGS[@]}"; do case $a in --kernel=*|all) ;; --kernel) ;; *) rest+=("$a") ;; esac; done
  for k in $KM_SERIES_ALL; do KERNEL_MATRIX_SUITE=$k bash "${BASH_SOURCE[0]}" "${rest[@]}" || exit $?; done
  exit 0
fi
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

# --- 2. which kernel: the suite's, through apt of our own ----------------------
km_pick_suite
APTDIR="$KM_CACHE_BASE/apt/$KM_SUITE"
# Our own source list, lists, cache and an empty dpkg status: apt neither reads
# nor writes the system's. _apt cannot write into the project, hence root.
APTO=(-o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=$APTDIR/sources.list.d"
      -o "Dir::Etc::Preferences=$APTDIR/preferences" -o "Dir::Etc::PreferencesParts=$APTDIR/preferences.d"
      -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache" -o "Dir::State::status=$APTDIR/status"
      -o APT::Sandbox::User=root -o Acquire::Languages=none -o Debug::NoLocking=1)
suite_apt_update() {
  need_root_for "the package lists of Debian $KM_SUITE"
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/sources.list.d" "$APTDIR/preferences.d"
  : >"$APTDIR/status"; : >"$APTDIR/preferences"
  local key=/usr/share/keyrings/debian-archive-keyring.gpg
  [ -r "$key" ] || km_fail "$key is missing" "apt-get install debian-archive-keyring"
  # Kernel updates of released suites arrive through -security, so list both.
  {
    echo "deb [signed-by=$key] http://deb.debian.org/debian $KM_SUITE main"
    echo "deb [signed-by=$key] http://deb.debian.org/debian-security $KM_SUITE-security main"
  } >"$APTDIR/sources.list"
  info "apt-get update ($KM_SUITE, own lists in $APTDIR)"
  quietly apt-get "${APTO[@]}" update || km_fail "apt-get update for Debian $KM_SUITE" \
    "check that deb.debian.org is reachable, then re-run"
  local dep ver debver
  dep=$(apt-cache "${APTO[@]}" depends linux-image-amd64 2>/dev/null | grep -o 'linux-image-[0-9][^ ]*-amd64' | head -n1)
  ver=${dep#linux-image-}; ver=${ver%-amd64}
  [ -n "$ver" ] || km_fail "cannot tell which kernel Debian $KM_SUITE ships (linux-image-amd64's dependency)" \
    "look at: apt-cache ${APTO[*]} depends linux-image-amd64"
  debver=$(apt-cache "${APTO[@]}" show "linux-image-$ver-amd64-unsigned" 2>/dev/null | awk '/^Version:/ { print $2; exit }')
  [ -n "$debver" ] || km_fail "Debian $KM_SUITE has no linux-image-$ver-amd64-unsigned" "look at the suite's kernel packages"
  mkdir -p "$KM_CACHE_BASE/suites"
  printf '%s %s\n' "$ver" "$debver" >"$KM_SUITE_FILE"
}
if [ -n "$UPDATE" ] || ! km_pick_version; then
  suite_apt_update
  km_pick_version || km_fail "resolving Debian $KM_SUITE's kernel" "re-run with --update"
fi
mkdir -p "$KM_CACHE" || km_fail "cannot create $KM_CACHE" "check permissions on $KM_ROOT/.cache"
info "kernel $KM_UNAME (Debian $KM_SUITE $KM_DEBVER), cache $KM_CACHE"

# fetch_deb PKG: the .deb of PKG at KM_DEBVER, from the cache or the suite.
fetch_deb() {
  local pkg=$1 f tmp
  for f in "$KM_CACHE/${pkg}_"*"${KM_DEBVER}_"*.deb; do [ -s "$f" ] && { echo "$f"; return 0; }; done
  [ -s "$APTDIR/sources.list" ] || suite_apt_update
  need_root_for "the package $pkg=$KM_DEBVER"
  tmp=$(mktemp -d "$KM_CACHE/.download.XXXXXX"); TMPS+=("$tmp")
  info "apt-get download $pkg=$KM_DEBVER ($KM_SUITE)"
  if ! (cd "$tmp" && quietly apt-get "${APTO[@]}" download -q "$pkg=$KM_DEBVER"); then
    suite_apt_update
    (cd "$tmp" && quietly apt-get "${APTO[@]}" download -q "$pkg=$KM_DEBVER") ||
      km_fail "apt-get download $pkg=$KM_DEBVER from Debian $KM_SUITE" \
        "if the archive dropped this ABI, re-run with --update; or put the .deb into $KM_CACHE/"
  fi
  mv "$tmp"/*.deb "$KM_CACHE/" && rm -rf "$tmp"
  for f in "$KM_CACHE/${pkg}_"*"${KM_DEBVER}_"*.deb; do [ -s "$f" ] && { echo "$f"; return 0; }; done
  km_fail "downloaded $pkg but cannot find its .deb in $KM_CACHE" "look at $KM_CACHE"
}

PKG="linux-image-$KM_UNAME-unsigned"

# --- 2b. headers, merged as scripts/setup.sh merges them on the host ------------
if [ -e "$KM_HEADERS/.complete" ] && [ "$(cat "$KM_HEADERS/.complete")" = "$KM_DEBVER" ]; then
  info "headers: cached"
else
  hc=$(fetch_deb "linux-headers-$KM_VER-common")
  ha=$(fetch_deb "linux-headers-$KM_UNAME")
  info "unpacking and merging the headers into $KM_HEADERS"
  rm -rf "$KM_CACHE/headers-root" "$KM_HEADERS"
  dpkg-deb -x "$hc" "$KM_CACHE/headers-root" && dpkg-deb -x "$ha" "$KM_CACHE/headers-root" ||
    km_fail "unpacking the header packages" "delete $KM_CACHE/linux-headers-*.deb and re-run"
  mkdir -p "$KM_HEADERS"
  cp -rs "$KM_CACHE/headers-root/usr/src/linux-headers-$KM_VER-common/." "$KM_HEADERS/"
  cp -rsf "$KM_CACHE/headers-root/usr/src/linux-headers-$KM_UNAME/." "$KM_HEADERS/"
  [ -e "$KM_HEADERS/include/generated/autoconf.h" ] || [ -e "$KM_HEADERS/include/generated/uapi/linux/version.h" ] ||
    km_fail "the merged headers in $KM_HEADERS lack include/generated" "delete $KM_CACHE/headers* and re-run"
  printf '%s\n' "$KM_DEBVER" >"$KM_HEADERS/.complete"
fi

# --- 3. vmlinuz, config and modules -----------------------------------------
# modules.stamp records the module list they were unpacked for.
want_stamp="$KM_DEBVER $KM_MODULES"
if [ -s "$KM_CACHE/vmlinuz" ] && [ -s "$KM_CACHE/config" ] && [ -s "$KM_CACHE/modules.load" ] &&
   [ "$(cat "$KM_CACHE/modules.stamp" 2>/dev/null)" = "$want_stamp" ]; then
  info "vmlinuz and modules: cached"
else
  DEB=$(fetch_deb "$PKG")
  stage=$(mktemp -d "$KM_CACHE/.unpack.XXXXXX"); TMPS+=("$stage")
  # Modules live in lib/modules up to bookworm, in usr/lib/modules from trixie (merged /usr).
  MODDIR=lib/modules
  dpkg-deb -c "$DEB" | grep " \./usr/lib/modules/$KM_UNAME/modules.builtin\$" >/dev/null && MODDIR=usr/lib/modules
  # unpack NAME...: extract those modules (by file name, any folder, .ko or compressed).
  unpack() {
    local pats=() n
    for n in "$@"; do pats+=("./$MODDIR/$KM_UNAME/kernel/*/$(printf %s "$n" | sed 's/[-_]/[-_]/g').ko*"); done
    dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$stage" --wildcards --no-anchored "${pats[@]}" 2>/dev/null || true
  }
  info "unpacking vmlinuz, config and modules from $(basename "$DEB")"
  # One pass for the kernel and the known modules; tar complains about listed
  # modules that this kernel has built in, so judge by what came out.
  dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$stage" --wildcards \
      "./boot/vmlinuz-$KM_UNAME" "./boot/config-$KM_UNAME" "./$MODDIR/$KM_UNAME/modules.builtin" \
      $(for n in $KM_MODULES; do printf './%s/%s/kernel/*/%s.ko* ' "$MODDIR" "$KM_UNAME" "$(printf %s "$n" | sed 's/[-_]/[-_]/g')"; done) \
      2>"$stage/tar.err" || true
  for f in "boot/vmlinuz-$KM_UNAME" "boot/config-$KM_UNAME" "$MODDIR/$KM_UNAME/modules.builtin"; do
    [ -s "$stage/$f" ] || { cat "$stage/tar.err" >&2
      km_fail "no $f in $DEB (or unpacking it failed, see above)" "delete $DEB and re-run to download it again"; }
  done

  norm() { printf %s "$1" | tr - _; }
  declare -A path=() builtin=() state=()
  index_modules() {
    local f b
    while IFS= read -r f; do
      b=$(basename "$f"); b=${b%%.ko*}; path[$(norm "$b")]=$f
    done < <(find "$stage/$MODDIR" -name '*.ko*')
  }
  while IFS= read -r f; do b=$(basename "$f"); builtin[$(norm "${b%%.ko*}")]=1; done \
    <"$stage/$MODDIR/$KM_UNAME/modules.builtin"
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
