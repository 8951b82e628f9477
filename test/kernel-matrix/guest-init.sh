#!/bin/busybox sh
# kernel-matrix guest init: PID 1 inside the initramfs that prepare.sh builds.
# Loads the modules, mounts the host's root (read-only 9p) under a tmpfs
# overlay, mounts fresh proc/sys/dev/tracefs/debugfs in it, chroots and runs
# the command that run-in-guest.sh left in the results share, then powers off.
# Everything it reports goes to the results share (9p tag "results"):
#   stdout, stderr   the command's output
#   rc               its exit status; written last: it is the result marker
#   timings          /proc/uptime at init start, command start, command end
#   setup-error      why the guest could not run the command (rc is then absent)

/bin/busybox mkdir -p /proc /sys /dev /sbin /usr/bin /usr/sbin /tmp
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
read -r T_INIT _ </proc/uptime

RESULTS_OK=
die() {
  echo "KERNEL_MATRIX_SETUP_FAILED: $*"
  [ -n "$RESULTS_OK" ] && echo "$*" >/results/setup-error
  sync
  poweroff -f
  sleep 5
}

while read -r m; do
  [ -n "$m" ] || continue
  insmod "/lib/modules/$m.ko" || die "insmod $m"
done </etc/kernel-matrix/modules.load

mkdir -p /results /host /ovl /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results /results || die "mount results share (9p tag results)"
RESULTS_OK=1
[ -r /results/cmd.sh ] || die "no cmd.sh in the results share"

ROOTOPTS=trans=virtio,version=9p2000.L,msize=512000,ro
[ -r /results/root-9p-opts ] && read -r extra </results/root-9p-opts && ROOTOPTS="$ROOTOPTS,$extra"
mount -t 9p -o "$ROOTOPTS" hostroot /host || die "mount host root (9p tag hostroot, -o $ROOTOPTS)"
mount -t tmpfs -o mode=0755 tmpfs /ovl || die "tmpfs for the overlay"
mkdir -p /ovl/upper /ovl/work
mount -t overlay overlay -o lowerdir=/host,upperdir=/ovl/upper,workdir=/ovl/work /newroot ||
  die "overlay of tmpfs on the host root"

R=/newroot
mnt() { # mnt TYPE TARGET [OPTIONS]
  mkdir -p "$R$2" 2>/dev/null
  mount -t "$1" ${3:+-o "$3"} "$1" "$R$2" || die "mount -t $1 $R$2"
}
mnt proc /proc
mnt sysfs /sys
mnt devtmpfs /dev
mnt devpts /dev/pts newinstance,ptmxmode=0666,gid=5,mode=0620
ln -sf pts/ptmx "$R/dev/ptmx"
mnt tmpfs /dev/shm mode=1777
# Fresh /tmp and /run, unless the project itself lives there (a clone in
# /tmp/...): then they stay the host's, writable through the overlay.
PROJECT=$(cat /results/project-root 2>/dev/null)
for d in /tmp /run; do
  case "$PROJECT/" in
    "$d"/*) echo "kernel-matrix: note: the project is under $d: keeping the host's $d (overlay)" ;;
    *) if [ "$d" = /tmp ]; then mnt tmpfs /tmp mode=1777; else mnt tmpfs /run mode=0755; fi ;;
  esac
done
mnt tracefs /sys/kernel/tracing
# debugfs: bcc and older tools look for /sys/kernel/debug/tracing as well.
if grep -qw debugfs /proc/filesystems; then mnt debugfs /sys/kernel/debug; fi
mnt bpf /sys/fs/bpf mode=0700
mnt cgroup2 /sys/fs/cgroup
[ -d /sys/kernel/btf ] || echo "kernel-matrix: note: no /sys/kernel/btf"

# The guest kernel's config where tools look for it (the host has none for it).
for f in /boot/config-*; do
  [ -e "$R$f" ] || { mkdir -p "$R/boot" && cp "$f" "$R$f"; }
done

ip link set lo up 2>/dev/null
hostname kernel-matrix

# The scratch disk: the virtio-blk device whose serial run-in-guest.sh set.
DISK=
for s in /sys/block/*/serial; do
  [ -r "$s" ] || continue
  if [ "$(cat "$s")" = kmscratch ]; then DISK=/dev/${s#/sys/block/}; DISK=${DISK%/serial}; fi
done
[ -n "$DISK" ] && [ -b "$R$DISK" ] || die "scratch disk (virtio-blk, serial kmscratch) not found"

mkdir -p "$R/run/kernel-matrix"
{
  echo "export KERNEL_MATRIX_GUEST=1"
  echo "export KERNEL_MATRIX_DISK=$DISK"
  echo "export KERNEL_MATRIX_KERNEL=$(uname -r)"
} >"$R/run/kernel-matrix/guest.env"
cp /results/cmd.sh "$R/run/kernel-matrix/cmd.sh" || die "copy cmd.sh"
# Files the command leaves in $KERNEL_MATRIX_OUT reach the host (run-in-guest.sh --out).
if [ -d /results/out ]; then
  mkdir -p "$R/run/kernel-matrix/out"
  mount --bind /results/out "$R/run/kernel-matrix/out" || die "bind-mount the out folder"
  echo "export KERNEL_MATRIX_OUT=/run/kernel-matrix/out" >>"$R/run/kernel-matrix/guest.env"
fi

read -r T_CMD _ </proc/uptime
chroot "$R" /usr/bin/env -i /bin/sh /run/kernel-matrix/cmd.sh </dev/null >/results/stdout 2>/results/stderr
rc=$?
read -r T_END _ </proc/uptime
echo "$T_INIT $T_CMD $T_END" >/results/timings
echo "$rc" >/results/rc.tmp && mv /results/rc.tmp /results/rc
sync
poweroff -f
sleep 5
