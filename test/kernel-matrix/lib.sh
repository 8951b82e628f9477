# Shared by prepare.sh and run-in-guest.sh (sourced, not run).
# Works out which kernel the guest boots and where its cache lives.

KM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KM_ROOT=$(cd "$KM_DIR/../.." && pwd)          # the project's root, same path in the guest
KM_CACHE_BASE="$KM_ROOT/.cache/kernel-matrix"

# Modules the guest needs (the roots; prepare.sh adds each one's depends=,
# dependencies first, and skips any that this kernel has built in, so 5.10's
# fscache, 6.1's netfs and 6.12's layout all come out right).
KM_MODULES="virtio_pci 9pnet_virtio 9p overlay virtio_blk"

# The guest kernels: Debian's suite for each series. The matrix boots each
# suite's current kernel, fetched by suite name (prepare.sh).
KM_SERIES_ALL="5.10 6.1 6.12"
km_suite_of() {
  case $1 in
    5.10|bullseye) echo bullseye ;;
    6.1|bookworm) echo bookworm ;;
    6.12|trixie) echo trixie ;;
    *) return 1 ;;
  esac
}
km_series_of() { case $1 in bullseye) echo 5.10 ;; bookworm) echo 6.1 ;; trixie) echo 6.12 ;; esac; }

km_say()  { printf '%s\n' "$*" >&2; }

# km_fail WHAT-FAILED WHAT-TO-DO [exit code]
km_fail() {
  printf '\nkernel-matrix: FAILED: %s\n' "$1" >&2
  printf 'kernel-matrix: what to do: %s\n' "$2" >&2
  exit "${3:-1}"
}

# km_pick_suite: sets KM_SUITE and KM_SERIES from KERNEL_MATRIX_SUITE
# (5.10|6.1|6.12 or bullseye|bookworm|trixie; default 6.1).
km_pick_suite() {
  KM_SUITE=$(km_suite_of "${KERNEL_MATRIX_SUITE:-6.1}") ||
    km_fail "unknown guest kernel '${KERNEL_MATRIX_SUITE:-}'" "use one of: $KM_SERIES_ALL (or bullseye, bookworm, trixie)" 2
  KM_SERIES=$(km_series_of "$KM_SUITE")
  KM_SUITE_FILE="$KM_CACHE_BASE/suites/$KM_SUITE"
}

# km_pick_version: sets KM_VER (e.g. 6.1.0-57, 6.12.118+deb13), KM_DEBVER
# (6.1.192-3), KM_UNAME (6.1.0-57-amd64), KM_CACHE and KM_HEADERS from what
# prepare.sh last resolved for the suite. Returns 1 if it never did.
km_pick_version() {
  km_pick_suite
  [ -s "$KM_SUITE_FILE" ] || return 1
  read -r KM_VER KM_DEBVER <"$KM_SUITE_FILE" || return 1
  [ -n "$KM_VER" ] && [ -n "$KM_DEBVER" ] || return 1
  KM_UNAME="$KM_VER-amd64"
  KM_CACHE="$KM_CACHE_BASE/$KM_VER"
  KM_HEADERS="$KM_CACHE/headers"
}

# Fingerprint of everything the initramfs is built from.
km_initramfs_inputs_sum() {
  { sha256sum "$KM_DIR/guest-init.sh" /bin/busybox "$KM_CACHE/modules.load" 2>/dev/null
    printf '%s\n' "$KM_UNAME"; } | sha256sum | cut -d' ' -f1
}
