// expect: fail latency
// why: the completion probe sends what the issue probe stored but never measures the time: every LAT is 0.00
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
struct data_t { u64 ts; u64 delta_us; u32 pid; u32 bytes; char comm[TASK_COMM_LEN]; char op[2]; };
BPF_HASH(start, struct key_t, struct data_t);
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct data_t d = {};
    d.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&d.comm, sizeof(d.comm));
    d.bytes = args->bytes;
    d.op[0] = args->rwbs[0] == 'F' && args->rwbs[1] ? args->rwbs[1] : args->rwbs[0];
    start.update(&key, &d);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct data_t *d = start.lookup(&key);
    if (d == 0)
        return 0;
    d->ts = bpf_ktime_get_ns();
    // TODO: latency
    events.perf_submit(args, d, sizeof(*d));
    start.delete(&key);
    return 0;
}
` });

console.log("TIME(s)            COMM             PID    T  BYTES    LAT(ms)");
b.table<PerfEventArray<{ ts: bigint; delta_us: bigint; pid: number; bytes: number; comm: string; op: string }>>("events").openPerfBuffer((e) => {
  console.log(`${(Number(e.ts) / 1e9).toFixed(6).padEnd(18)} ${e.comm.padEnd(16)} ${String(e.pid).padEnd(6)} ${e.op.padEnd(2)} ${String(e.bytes).padEnd(7)} ${(Number(e.delta_us) / 1000).toFixed(2).padStart(8)}`);
});
for (;;) await b.perfBufferPoll();
