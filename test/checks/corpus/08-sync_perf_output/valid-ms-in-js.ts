// expect: pass
// why: sends the gap in nanoseconds and converts to ms in TypeScript
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({
  text: `
struct data_t { u64 ts; u64 delta_ns; };
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, now = bpf_ktime_get_ns();
    u64 *tsp = last.lookup(&key);
    if (tsp) {
        u64 delta = now - *tsp;
        if (delta < 1000000000) {
            struct data_t d = { .ts = now, .delta_ns = delta };
            events.perf_submit(args, &d, sizeof(d));
        }
        last.delete(&key);
    }
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = -1;
b.table<PerfEventArray<{ ts: bigint; delta_ns: bigint }>>("events").openPerfBuffer((e) => {
  const ts = Number(e.ts) / 1e9;
  if (start < 0) start = ts;
  console.log(`At time ${(ts - start).toFixed(2)} s: multiple syncs detected, last ${Math.floor(Number(e.delta_ns) / 1e6)} ms ago`);
});
setInterval(() => void b.perfBufferPoll(0), 20);
