# Shared by prepare.sh and run-in-guest.sh (sourced, not run).
# Works out which kernel the guest boots and where its cache lives.

KM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KM_ROOT=$(cd "$KM_DIR/../.." && pwd)          # the project's root, same path in the guest
KM_CACHE_BASE="$KM_ROOT/.cache/kernel-matrix"

# Modules the guest needs, in load order (dependencies first). prepare.sh
# also follows each module's depends= so a renamed or added dependency in a
# later ABI is caught, and it skips any that became built in.
KM_MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci 9pnet 9pnet_virtio netfs fscache 9p overlay virtio_blk"

km_say()  { printf '%s\n' "$*" >&2; }

# km_fail WHAT-FAILED WHAT-TO-DO [exit code]
km_fail() {
  printf '\nkernel-matrix: FAILED: %s\n' "$1" >&2
  printf 'kernel-matrix: what to do: %s\n' "$2" >&2
  exit "${3:-1}"
}

# Installed linux-headers-<ver>-amd64 packages, one "<ver> <debian-version>" a line.
km_installed_headers() {
  dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' 'linux-headers-*-amd64' 2>/dev/null |
    awk '$1 ~ /^ii/ && $2 ~ /^linux-headers-[0-9].*-amd64$/ {
           v = $2; sub(/^linux-headers-/, "", v); sub(/-amd64$/, "", v); print v, $3 }' |
    sort -V
}

# Sets KM_VER (e.g. 6.1.0-56), KM_DEBVER (e.g. 6.1.192-2), KM_UNAME (6.1.0-56-amd64)
# and KM_CACHE. Returns 1 if no headers package is installed.
# KERNEL_MATRIX_KVER=<ver> picks one when several are installed.
km_pick_version() {
  local lines want
  lines=$(km_installed_headers)
  [ -n "$lines" ] || return 1
  if [ -n "${KERNEL_MATRIX_KVER:-}" ]; then
    want=${KERNEL_MATRIX_KVER%-amd64}
  else
    # Prefer what the linux-headers-amd64 meta package points at, else the newest.
    want=$(dpkg-query -W -f='${Depends}\n' linux-headers-amd64 2>/dev/null |
             grep -o 'linux-headers-[0-9][^ ,]*-amd64' | head -n1 | sed 's/^linux-headers-//; s/-amd64$//')
    printf '%s\n' "$lines" | awk -v w="$want" '$1 == w { f = 1 } END { exit !f }' ||
      want=$(printf '%s\n' "$lines" | tail -n1 | cut -d' ' -f1)
  fi
  KM_DEBVER=$(printf '%s\n' "$lines" | awk -v w="$want" '$1 == w { print $2 }')
  if [ -z "$KM_DEBVER" ]; then
    km_fail "linux-headers-$want-amd64 is not installed (KERNEL_MATRIX_KVER=${KERNEL_MATRIX_KVER:-})" \
            "install it (apt-get install linux-headers-$want-amd64) or unset KERNEL_MATRIX_KVER"
  fi
  KM_VER=$want
  KM_UNAME="$want-amd64"
  KM_CACHE="$KM_CACHE_BASE/$KM_VER"
}

# Fingerprint of everything the initramfs is built from.
km_initramfs_inputs_sum() {
  { sha256sum "$KM_DIR/guest-init.sh" /bin/busybox "$KM_CACHE/modules.load" 2>/dev/null
    printf '%s\n' "$KM_UNAME"; } | sha256sum | cut -d' ' -f1
}
