// expect: pass
// why: openPerfBuffer callback and a perfBufferPoll() loop, the tracepoint function named with its tracepoint__ prefix
import { BPF, type PerfEventArray } from "bcc-tutor";

const text = `
struct data_t {
    u64 ts;
    u64 delta_ms;
};
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

int tracepoint__syscalls__sys_enter_sync(void *ctx) {
    u64 key = 0;
    u64 now = bpf_ktime_get_ns();
    u64 *tsp = last.lookup(&key);
    if (tsp != NULL && now - *tsp < 1000000000) {
        struct data_t data = { .ts = now, .delta_ms = (now - *tsp) / 1000000 };
        events.perf_submit(ctx, &data, sizeof(data));
    }
    last.update(&key, &now);
    return 0;
}`;

const b = new BPF({ text });
await b.ready;
console.log("Tracing for quick sync's... Ctrl-C to end");
let first = 0n;
b.table<PerfEventArray<{ ts: bigint; delta_ms: bigint }>>("events").openPerfBuffer((e) => {
  if (first === 0n) first = e.ts;
  console.log(`At time ${(Number(e.ts - first) / 1e9).toFixed(2)} s: multiple syncs detected, last ${e.delta_ms} ms ago`);
});
for (;;) await b.perfBufferPoll();
