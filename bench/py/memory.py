# Footprint, python side: the same lesson program, BPF(text=...) then
# cleanup(), --cycles=N times in one process; RSS after the first and the
# last, and the peak (VmHWM).
import json
import os
import sys

from bcc import BPF

from common import program


def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return float("nan")


text = program("lesson")
cycles = 1
for a in sys.argv:
    if a.startswith("--cycles="):
        cycles = int(a[9:])
rss = []
for _ in range(cycles):
    b = BPF(text=text)
    b.cleanup()
    rss.append(status("VmRSS"))
sys.stdout.write("BENCH_RESULT " + json.dumps({"cycles": cycles, "rssFirstKb": rss[0], "rssLastKb": rss[-1], "vmHwmKb": status("VmHWM")}) + "\n")
sys.stdout.flush()
os._exit(0)
