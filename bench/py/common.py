# Helpers shared by the python twins of the benchmarks (run with
# /usr/bin/python3, which has python3-bpfcc's `bcc`). Each prints one line
# `BENCH_RESULT {json}` at the end, as the node side does.
import json
import os
import subprocess
import sys

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def program(name):
    with open(os.path.join(BENCH_DIR, "c", name + ".c")) as f:
        return f.read()


def ring_program(pages):
    """event.c with a BPF ring buffer in place of the perf buffer, as common.ts does."""
    return (program("event")
            .replace("BPF_PERF_OUTPUT(events);", "BPF_RINGBUF_OUTPUT(events, %d);" % pages)
            .replace("events.perf_submit(args, &ev, sizeof(ev));", "events.ringbuf_output(&ev, sizeof(ev), 0);"))


def vm_hwm_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return float("nan")


def report(metrics):
    out = dict(metrics)
    out["vmHwmKb"] = vm_hwm_kb()
    sys.stdout.write("BENCH_RESULT " + json.dumps(out) + "\n")
    sys.stdout.flush()


def getpid_loop():
    path = os.environ.get("BENCH_GETPID_LOOP")
    if not path:
        sys.exit("BENCH_GETPID_LOOP is not set: run through `npm run bench`")
    return path


def gated_getpid_loop(n):
    """n getpid() calls once .stdin gets a line; the pid is known before."""
    return subprocess.Popen([getpid_loop(), str(n)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)


def go(p):
    p.stdin.write(b"go\n")
    p.stdin.close()


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def arg(name, default):
    for a in sys.argv[1:]:
        if a.startswith("--" + name + "="):
            return type(default)(float(a.split("=", 1)[1]))
    return default
