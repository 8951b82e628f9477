# Benchmark 1, python side: fill the rings, then time one perf_buffer_consume()
# whose callback builds event() objects (a "fields" round also reads every
# field, which ctypes does lazily). With --serve (as bench/run.ts drives it):
# READY, then one round per "run" (or "fields") line on stdin. With --ring the
# same rounds go through a BPF ring buffer and ring_buffer_consume().
import ctypes as ct
import json
import os
import sys
import time

from bcc import BPF

from common import arg, gated_getpid_loop, go, median, program, report, ring_program

N = arg("events", 250000)
PAGES = 4096
RING = "--ring" in sys.argv

b = BPF(text=ring_program(PAGES) if RING else program("event"))
target = b["target"]
submitted = b["submitted"]
events = b["events"]
lost = [0]
got = [0]
read_fields = [False]


# Builds each event() object and drops it, as the node side drops its
# decoded objects; a "fields" round also reads the three fields.
def on_event(cpu, data, size):
    e = events.event(data)
    if read_fields[0]:
        e.pid, e.ts, e.comm
    got[0] += 1


def on_ring_event(ctx, data, size):  # the same body: no extra call per event
    e = events.event(data)
    if read_fields[0]:
        e.pid, e.ts, e.comm
    got[0] += 1


def on_lost(n):
    lost[0] += n


if RING:
    events.open_ring_buffer(on_ring_event)
    consume = b.ring_buffer_consume
else:
    events.open_perf_buffer(on_event, page_cnt=PAGES, lost_cb=on_lost)
    consume = b.perf_buffer_consume


def round_rate(fields=False):
    read_fields[0] = fields
    consume()
    got[0] = 0
    submitted[ct.c_int(0)] = ct.c_ulonglong(0)
    p = gated_getpid_loop(N)
    target[ct.c_int(0)] = ct.c_uint(p.pid)
    go(p)
    p.wait()
    target[ct.c_int(0)] = ct.c_uint(0)
    sent = submitted[ct.c_int(0)].value
    lost_before = lost[0]
    t0 = time.perf_counter()
    consume()
    t1 = time.perf_counter()
    n = got[0]
    if lost[0] != lost_before or n != sent or sent != N:
        raise SystemExit("submitted %d of %d, consumed %d, lost %d" % (sent, N, n, lost[0] - lost_before))
    return n / (t1 - t0)


round_rate()  # warm-up, as the node side does
rates = []
field_rates = []
if "--serve" in sys.argv:
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "end":
            break
        rate = round_rate(cmd == "fields")
        (field_rates if cmd == "fields" else rates).append(rate)
        sys.stdout.write("RUN " + json.dumps({"eventsPerSec": rate}) + "\n")
        sys.stdout.flush()
else:
    rates = [round_rate() for _ in range(arg("rounds", 5))]
    field_rates = [round_rate(True) for _ in range(2)]
report({"events": N, "rounds": len(rates), "eventsPerSec": median(rates), "best": max(rates), "worst": min(rates),
        "withFieldsPerSec": median(field_rates) if field_rates else 0})
b.cleanup()
os._exit(0)
