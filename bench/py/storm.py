# Benchmark 2, python side: the same storm read live with perf_buffer_poll(),
# event() per event, then perf_buffer_consume() for what is left below the
# wakeup threshold.
import ctypes as ct
import os
import time

from bcc import BPF

from common import arg, gated_getpid_loop, go, program, report

N = arg("events", 1000000)
WAKEUP = arg("wakeup", 1)
PAGES = arg("pages", 64)

b = BPF(text=program("event"))
target = b["target"]
submitted = b["submitted"]
events = b["events"]
counts = {"delivered": 0, "lost": 0, "bad": 0}
p = gated_getpid_loop(N)
pid = p.pid


def on_event(cpu, data, size):
    e = events.event(data)
    counts["delivered"] += 1
    if e.pid != pid:
        counts["bad"] += 1


def on_lost(n):
    counts["lost"] += n


events.open_perf_buffer(on_event, page_cnt=PAGES, lost_cb=on_lost, wakeup_events=WAKEUP)
target[ct.c_int(0)] = ct.c_uint(pid)
t0 = time.perf_counter()
go(p)
while p.poll() is None:
    b.perf_buffer_poll(timeout=100)
t_produced = time.perf_counter()
sent = submitted[ct.c_int(0)].value
# The kernel reports a lost count only at the next write to that ring: stop
# when the rings stay empty.
idle = 0
while idle < 3 and counts["delivered"] + counts["lost"] < sent:
    before = counts["delivered"] + counts["lost"]
    b.perf_buffer_consume()
    idle = idle + 1 if counts["delivered"] + counts["lost"] == before else 0
    time.sleep(0.002)
t1 = time.perf_counter()
if p.returncode != 0 or sent != N or counts["bad"]:
    raise SystemExit("workload exit %s, submitted %d of %d, %d events of another pid" % (p.returncode, sent, N, counts["bad"]))
secs = t1 - t0
report({"events": N, "wakeup": WAKEUP, "pages": PAGES, "delivered": counts["delivered"],
        "lost": sent - counts["delivered"], "lostReported": counts["lost"],
        "deliveredPerSec": counts["delivered"] / secs, "producedPerSec": sent / (t_produced - t0), "seconds": secs})
b.cleanup()
os._exit(0)
