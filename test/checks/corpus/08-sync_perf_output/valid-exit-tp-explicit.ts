// expect: pass
// why: attached by hand to the exit tracepoint, a u32-keyed hash, own struct and channel names, SIGINT handler
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({
  text: `
struct ev { u64 when; u64 ms; };
BPF_PERF_OUTPUT(out);
BPF_HASH(prev, u32, u64);

int sync_done(void *ctx) {
    u32 k = 0;
    u64 now = bpf_ktime_get_ns();
    u64 *p = prev.lookup(&k);
    if (p) {
        u64 d = now - *p;
        if (d < 1000000000) {
            struct ev e = {};
            e.when = now;
            e.ms = d / 1000000;
            out.perf_submit(ctx, &e, sizeof(e));
        }
    }
    prev.update(&k, &now);
    return 0;
}`,
});
b.attachTracepoint({ tp: "syscalls:sys_exit_sync", fnName: "sync_done" });
console.log("Tracing for quick sync's... Ctrl-C to end");
let t0: bigint | null = null;
b.table<PerfEventArray<{ when: bigint; ms: bigint }>>("out").openPerfBuffer((e) => {
  if (t0 === null) t0 = e.when;
  const secs = Number(e.when - t0) / 1e9;
  console.log(`At time ${secs.toFixed(2)} s: multiple syncs detected, last ${e.ms} ms ago`);
});
process.on("SIGINT", () => {
  b.close();
  process.exit(0);
});
for (;;) await b.perfBufferPoll(100);
