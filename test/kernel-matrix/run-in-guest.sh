#!/usr/bin/env bash
# Runs one command inside one of Debian's kernels (booted under qemu, TCG), in
# the host's root filesystem (read-only 9p + tmpfs overlay), in the project's root.
#
# Usage: bash test/kernel-matrix/run-in-guest.sh [options] -- CMD [ARGS...]
#   --kernel K       5.10, 6.1 or 6.12 (or bullseye, bookworm, trixie);
#                    default $KERNEL_MATRIX_SUITE or 6.1
#   --timeout SECS   kill the guest after SECS (default $KERNEL_MATRIX_TIMEOUT or 600)
#   --smp N          guest CPUs (default $KERNEL_MATRIX_SMP or 1)
#   --mem MB         guest memory (default $KERNEL_MATRIX_MEM or 1024)
#   --env NAME[=VAL] also pass NAME (the host's value, or VAL) into the guest
#   --console        print the guest's serial console log at the end
#   --keep           keep the run folder (.cache/kernel-matrix/<ver>/runs/...)
#   --out DIR        the files CMD writes to $KERNEL_MATRIX_OUT land in DIR
#
# Inside the guest CMD runs as root with only these variables: HOME, PATH,
# LANG, LC_ALL, every BCC_* and KERNEL_MATRIX_* of the host, the --env ones,
# BCC_KERNEL_SOURCE=the guest kernel's merged headers (.cache/kernel-matrix/<ver>/headers),
# and KERNEL_MATRIX_GUEST=1, KERNEL_MATRIX_KERNEL=<uname -r>,
# KERNEL_MATRIX_DISK=/dev/vdX (a 16 MB zeroed scratch disk; writes are
# discarded at the end). Its stdin is /dev/null; / is writable (tmpfs overlay,
# thrown away), /tmp and /run are fresh tmpfs; tracefs, debugfs, bpffs and
# cgroup2 are mounted.
#
# Exit status: CMD's own, or
#   124  the guest did not finish within the timeout (partial output is shown)
#   125  the guest finished without a result (setup failed, kernel panic, qemu
#        failed to start, or not prepared) - the reason and console are shown
#   2    bad usage
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
TIMEOUT=${KERNEL_MATRIX_TIMEOUT:-600}
SMP=${KERNEL_MATRIX_SMP:-1}
MEM=${KERNEL_MATRIX_MEM:-1024}
CACHE_MODE=${KERNEL_MATRIX_9P_CACHE:-loose}
EXTRA_ENV=()
SHOW_CONSOLE=
KEEP=
OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --kernel) KERNEL_MATRIX_SUITE=${2:?--kernel needs 5.10, 6.1 or 6.12}; shift 2 ;;
    --kernel=*) KERNEL_MATRIX_SUITE=${1#*=}; shift ;;
    --timeout) TIMEOUT=${2:?--timeout needs SECS}; shift 2 ;;
    --timeout=*) TIMEOUT=${1#*=}; shift ;;
    --smp) SMP=${2:?--smp needs N}; shift 2 ;;
    --mem) MEM=${2:?--mem needs MB}; shift 2 ;;
    --env) EXTRA_ENV+=("${2:?--env needs NAME[=VALUE]}"); shift 2 ;;
    --console) SHOW_CONSOLE=1; shift ;;
    --keep) KEEP=1; shift ;;
    --out) OUT=${2:?--out needs DIR}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    *) km_say "run-in-guest.sh: unknown option $1 (the command goes after --)"; usage >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { km_say "run-in-guest.sh: no command given"; usage >&2; exit 2; }
for v in "TIMEOUT=$TIMEOUT" "SMP=$SMP" "MEM=$MEM"; do
  case ${v#*=} in ''|*[!0-9]*|0) km_say "run-in-guest.sh: ${v%%=*} must be a positive whole number, not '${v#*=}'"; exit 2 ;; esac
done
case $CACHE_MODE in none|loose|mmap) ;; *) km_say "run-in-guest.sh: KERNEL_MATRIX_9P_CACHE must be none, loose or mmap"; exit 2 ;; esac

# --- ready? --------------------------------------------------------------------
km_pick_version || km_fail "guest kernel ${KM_SERIES:-?} ($KM_SUITE) is not prepared" "run: bash test/kernel-matrix/prepare.sh --kernel ${KM_SERIES:-6.1}" 125
if ! [ -s "$KM_CACHE/vmlinuz" ] || ! [ -e "$KM_HEADERS/.complete" ] || ! [ -s "$KM_CACHE/initramfs.img" ] || ! [ -s "$KM_CACHE/scratch.img" ] ||
   [ "$(cat "$KM_CACHE/initramfs.sum" 2>/dev/null)" != "$(km_initramfs_inputs_sum)" ]; then
  km_say "kernel-matrix: cache incomplete or initramfs out of date; running prepare.sh --no-install"
  KERNEL_MATRIX_SUITE=$KM_SUITE bash "$KM_DIR/prepare.sh" --no-install --quiet ||
    km_fail "the kernel-matrix cache is not ready" "run: bash test/kernel-matrix/prepare.sh --kernel $KM_SERIES" 125
fi
command -v qemu-system-x86_64 >/dev/null || km_fail "qemu-system-x86_64 not found" "run: bash test/kernel-matrix/prepare.sh" 125
command -v timeout >/dev/null || km_fail "timeout (coreutils) not found" "apt-get install coreutils" 125

# --- the run folder and the command --------------------------------------------
mkdir -p "$KM_CACHE/runs" && RUN=$(mktemp -d "$KM_CACHE/runs/run.XXXXXX") ||
  km_fail "cannot create a run folder in $KM_CACHE/runs" "check permissions and free space" 125
mkdir "$RUN/share"
[ -z "$OUT" ] || mkdir "$RUN/share/out"

q() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }   # POSIX sh single-quoting
{
  echo "# written by run-in-guest.sh; run by the guest's /bin/sh under env -i"
  names=(HOME PATH LANG LC_ALL)
  while IFS= read -r n; do names+=("$n"); done < <(compgen -e | grep -E '^(BCC_|KERNEL_MATRIX_)' || true)
  for n in "${names[@]}"; do
    [ -n "${!n+set}" ] && printf 'export %s=%s\n' "$n" "$(q "${!n}")"
  done
  # The guest kernel's own headers, whatever the host's binding would pick.
  printf 'export BCC_KERNEL_SOURCE=%s\n' "$(q "$KM_HEADERS")"
  printf 'export KERNEL_MATRIX_DISTRO=%s\n' "$(q "Debian $KM_SUITE")"
  for e in "${EXTRA_ENV[@]}"; do
    case $e in
      *=*) printf 'export %s=%s\n' "${e%%=*}" "$(q "${e#*=}")" ;;
      *) [ -n "${!e+set}" ] && printf 'export %s=%s\n' "$e" "$(q "${!e}")" ;;
    esac
  done
  echo '. /run/kernel-matrix/guest.env'
  printf 'cd %s || { echo "kernel-matrix: cannot cd to the project in the guest" >&2; exit 125; }\n' "$(q "$KM_ROOT")"
  printf 'exec'; for a in "$@"; do printf ' %s' "$(q "$a")"; done; echo
} >"$RUN/share/cmd.sh"
printf '%s\n' "$KM_ROOT" >"$RUN/share/project-root"
# 9p cache mode for the read-only host root: loose lets the guest keep file
# data and metadata in its page cache (safe: nothing writes through it).
[ "$CACHE_MODE" = none ] || echo "cache=$CACHE_MODE" >"$RUN/share/root-9p-opts"

# --- boot ------------------------------------------------------------------------
# The uncompressed ELF boots straight into the kernel (PVH entry); vmlinuz would
# first decompress itself under TCG, about 6 s.
KERNEL_IMG=$KM_CACHE/vmlinuz
if [ -s "$KM_CACHE/vmlinux" ] && [ -z "${KERNEL_MATRIX_BZIMAGE:-}" ]; then
  KERNEL_IMG=$KM_CACHE/vmlinux
elif [ -z "${KERNEL_MATRIX_BZIMAGE:-}" ]; then
  km_say "kernel-matrix: note: no $KM_CACHE/vmlinux, booting vmlinuz (about 6 s slower)"
fi
QEMU=(qemu-system-x86_64 -name kernel-matrix
  -accel tcg,thread=multi -cpu max -smp "$SMP" -m "$MEM"
  -kernel "$KERNEL_IMG" -initrd "$KM_CACHE/initramfs.img"
  -append "console=ttyS0 panic=-1 quiet loglevel=4 ${KERNEL_MATRIX_CMDLINE:-}"
  -display none -monitor none -nodefaults -no-reboot
  -serial "file:$RUN/console.log"
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
  -virtfs "local,path=$RUN/share,mount_tag=results,security_model=none"
  -drive "file=$KM_CACHE/scratch.img,if=none,id=scratch,format=raw,snapshot=on"
  -device virtio-blk-pci,drive=scratch,serial=kmscratch
  -pidfile "$RUN/qemu.pid")

TPID=
cleanup_qemu() { [ -n "$TPID" ] && kill -0 "$TPID" 2>/dev/null && kill -TERM "$TPID" 2>/dev/null; }
on_signal() { # on_signal EXIT-CODE
  cleanup_qemu; [ -n "$TPID" ] && wait "$TPID" 2>/dev/null; TPID=
  rm -rf "$RUN"; km_say "kernel-matrix: interrupted; guest stopped"; exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP
trap 'cleanup_qemu' EXIT

T0=$EPOCHREALTIME
timeout -k 10 "$TIMEOUT" "${QEMU[@]}" </dev/null >"$RUN/qemu.out" 2>&1 &
TPID=$!
HWM=0
while kill -0 "$TPID" 2>/dev/null; do
  if [ -r "$RUN/qemu.pid" ]; then
    qp=$(<"$RUN/qemu.pid")
    h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$qp/status" 2>/dev/null)
    [ -n "$h" ] && [ "$h" -gt "$HWM" ] && HWM=$h
  fi
  sleep 0.2
done
wait "$TPID"; QRC=$?
TPID=
T1=$EPOCHREALTIME
WALL=$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')

S=$RUN/share
[ -e "$S/stdout" ] && cat "$S/stdout"
[ -e "$S/stderr" ] && cat "$S/stderr" >&2

timing=""
if [ -r "$S/timings" ] && read -r ti tc te <"$S/timings"; then
  timing=$(awk -v i="$ti" -v c="$tc" -v e="$te" -v w="$WALL" 'BEGIN {
    printf "boot to command %.1f s (guest uptime), command %.1f s, qemu total %.1f s", c, e - c, w }')
else
  timing="qemu total $WALL s"
fi
summary="kernel-matrix: guest $KM_UNAME, smp $SMP, ${MEM} MB: $timing, qemu peak RSS $((HWM / 1024)) MB"

show_console() {
  km_say "----- guest console ($RUN/console.log) -----"
  tail -n "${1:-40}" "$RUN/console.log" >&2 2>/dev/null
  [ -s "$RUN/qemu.out" ] && { km_say "----- qemu output -----"; tail -n 20 "$RUN/qemu.out" >&2; }
  km_say "-------------------------------------------"
}

if [ -n "$OUT" ] && [ -d "$S/out" ]; then
  mkdir -p "$OUT" && cp -r "$S/out/." "$OUT/" || km_say "kernel-matrix: could not copy the guest's out files to $OUT"
fi
if [ -s "$S/rc" ]; then
  RC=$(<"$S/rc")
  [ -n "$SHOW_CONSOLE" ] && show_console 200
  km_say "$summary; exit $RC"
  [ -n "$KEEP" ] && km_say "kernel-matrix: run folder kept: $RUN" || rm -rf "$RUN"
  exit "$RC"
fi

if [ "$QRC" = 124 ] || [ "$QRC" = 137 ]; then
  show_console
  km_say "kernel-matrix: FAILED: the guest did not finish within ${TIMEOUT} s (output above is partial)"
  km_say "kernel-matrix: what to do: raise --timeout, or look at the console log; run folder kept: $RUN"
  km_say "$summary"
  exit 124
fi
show_console
panic=$(grep -a -m1 'Kernel panic' "$RUN/console.log" 2>/dev/null | tr -d '\r')
if [ -s "$S/setup-error" ]; then
  km_say "kernel-matrix: FAILED: guest set-up: $(<"$S/setup-error")"
elif [ -n "$panic" ]; then
  km_say "kernel-matrix: FAILED: the guest kernel panicked: ${panic#*] }"
elif [ "$QRC" != 0 ]; then
  km_say "kernel-matrix: FAILED: qemu exited with $QRC before the guest ran the command"
else
  km_say "kernel-matrix: FAILED: the guest stopped without writing a result (the command powered it off, the kernel panicked or init failed; see the console above)"
fi
km_say "kernel-matrix: what to do: read the console above; re-run prepare.sh if the cache is damaged; run folder kept: $RUN"
km_say "$summary"
exit 125
