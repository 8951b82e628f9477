// expect: fail latency
// why: sends the latency in nanoseconds and prints it as it is under the LAT(ms) heading
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
struct start_t { u64 ts; u32 pid; char comm[TASK_COMM_LEN]; };
BPF_HASH(start, struct key_t, struct start_t);
struct data_t { u64 ts; u64 delta; u32 pid; u32 bytes; char comm[TASK_COMM_LEN]; char op[2]; };
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct start_t s = {};
    s.ts = bpf_ktime_get_ns();
    s.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&s.comm, sizeof(s.comm));
    start.update(&key, &s);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct start_t *s = start.lookup(&key);
    if (s == 0)
        return 0;
    struct data_t d = {};
    d.ts = bpf_ktime_get_ns();
    d.delta = d.ts - s->ts;
    d.pid = s->pid;
    d.bytes = args->nr_sector * 512;
    __builtin_memcpy(&d.comm, s->comm, sizeof(d.comm));
    d.op[0] = args->rwbs[0] == 'F' && args->rwbs[1] ? args->rwbs[1] : args->rwbs[0];
    events.perf_submit(args, &d, sizeof(d));
    start.delete(&key);
    return 0;
}
` });

console.log("TIME(s)            COMM             PID    T  BYTES    LAT(ms)");
b.table<PerfEventArray<{ ts: bigint; delta: bigint; pid: number; bytes: number; comm: string; op: string }>>("events").openPerfBuffer((e) => {
  console.log(`${(Number(e.ts) / 1e9).toFixed(6).padEnd(18)} ${e.comm.padEnd(16)} ${String(e.pid).padEnd(6)} ${e.op.padEnd(2)} ${String(e.bytes).padEnd(7)} ${Number(e.delta).toFixed(2).padStart(8)}`);
});
for (;;) await b.perfBufferPoll();
