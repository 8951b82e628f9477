// expect: pass
// why: the event struct also carries the pid and comm of the syncing process (a bigger struct than the line needs)
import { BPF, type PerfEventArray } from "bcc-tutor";

interface Ev { ts: bigint; delta_ms: bigint; pid: number; comm: string }

const b = await BPF.create({
  text: `
struct data_t { u64 ts; u64 delta_ms; u32 pid; char comm[16]; };
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, *tsp, now = bpf_ktime_get_ns();
    tsp = last.lookup(&key);
    if (tsp && now - *tsp < 1000000000) {
        struct data_t data = {};
        data.ts = now;
        data.delta_ms = (now - *tsp) / 1000000;
        data.pid = bpf_get_current_pid_tgid() >> 32;
        bpf_get_current_comm(&data.comm, sizeof(data.comm));
        events.perf_submit(args, &data, sizeof(data));
    }
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0n;
b.table<PerfEventArray<Ev>>("events").openPerfBuffer((e) => {
  if (!start) start = e.ts;
  console.log(`At time ${(Number(e.ts - start) / 1e9).toFixed(2)} s: multiple syncs detected, last ${e.delta_ms} ms ago`);
});
for (;;) await b.perfBufferPoll(250);
